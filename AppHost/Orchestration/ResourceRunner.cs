using Lake.AppHost.Hosting;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Orchestration;

/// <summary>
/// Runs one resource: waits for its dependencies, then starts and watches it (the kind-specific part), until the
/// AppHost stops it. <see cref="Ready"/> completes the first time it is healthy (or, run once, finished).
/// </summary>
internal abstract class ResourceRunner(LakeResource resource, ResourceLogStore logs)
{
    protected static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public LakeResource Resource { get; } = resource;

    public ResourceStatus Status { get; } = new(resource);

    /// <summary>Completes when the resource is first up; faults with <see cref="ResourceFailedException"/> when it cannot be.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Each console line the resource writes (and whether on stderr), after it is stored.</summary>
    public event Action<string, bool>? LineWritten;

    protected ResourceLogStore Logs { get; } = logs;

    protected CancellationToken Stopping => _stopping.Token;

    public void Start(IReadOnlyDictionary<LakeResource, ResourceRunner> runners) =>
        _loop = Task.Run(() => RunAsync(runners));

    /// <summary>Stops the resource (its process, if any, with a grace period) and its supervision loop.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    /// <summary>The dashboard's restart: false when this kind of resource cannot be restarted on its own.</summary>
    public virtual Task<bool> RestartAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    protected abstract Task RunCoreAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners);

    /// <summary>Starts the loop again after it ended (gave up, finished, or was never started).</summary>
    protected bool Rerun(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        if (!_loop.IsCompleted || _stopping.IsCancellationRequested)
        {
            return false;
        }

        _stopping.Dispose();
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunCoreSafelyAsync(runners));
        return true;
    }

    protected void Write(string line, bool isError)
    {
        Logs.Append(Resource.Name, isError, line);
        LineWritten?.Invoke(line, isError);
    }

    protected void MarkReady() => _ready.TrySetResult();

    protected void Fail(string reason, int? exitCode = null)
    {
        Status.SetState(ResourceState.Exited, reason, exitCode);
        _ready.TrySetException(new ResourceFailedException(Resource.Name, reason, Logs.Tail(Resource.Name, 15)));
    }

    private async Task RunAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        if (Resource.Dependencies.Count > 0)
        {
            Status.SetState(ResourceState.Waiting, $"waiting for {string.Join(", ", Resource.Dependencies.Select(d => d.Resource.Name))}");
        }

        try
        {
            foreach (var dependency in Resource.Dependencies)
            {
                await runners[dependency.Resource].Ready.WaitAsync(Stopping);
            }
        }
        catch (OperationCanceledException)
        {
            Status.SetState(ResourceState.NotStarted);
            return;
        }
        catch (ResourceFailedException failed)
        {
            Status.SetState(ResourceState.NotStarted, $"not started: {failed.Resource} failed");
            _ready.TrySetException(new ResourceFailedException(Resource.Name, $"not started because {failed.Resource} failed", []));
            return;
        }

        await RunCoreSafelyAsync(runners);
    }

    private async Task RunCoreSafelyAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        try
        {
            await RunCoreAsync(runners);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A supervision bug must not end the AppHost silently: the resource shows as failed, with the reason.
            Fail($"supervision failed: {ex.Message}");
        }
    }
}

/// <summary>A resource could not be brought up; carries its last console lines.</summary>
internal sealed class ResourceFailedException(string resource, string reason, IReadOnlyList<string> lastLines)
    : Exception($"{resource}: {reason}")
{
    public string Resource { get; } = resource;

    public string Reason { get; } = reason;

    public IReadOnlyList<string> LastLines { get; } = lastLines;
}
