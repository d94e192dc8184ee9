using Lake.AppHost.Hosting;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Orchestration;

/// <summary>
/// The running graph: starts every resource once what it waits for is up, stops them in reverse order, and is the
/// dashboard's view of them (<see cref="IResourceFeed"/>).
/// </summary>
internal sealed class LakeApp : IResourceFeed, IAsyncDisposable
{
    private readonly List<ResourceRunner> _runners;
    private readonly Dictionary<LakeResource, ResourceRunner> _byResource;
    private int _stopped;

    public LakeApp(IReadOnlyList<LakeResource> resources)
    {
        _runners = resources.Select(Create).ToList();
        _byResource = _runners.ToDictionary(r => r.Resource);
    }

    public ResourceLogStore Logs { get; } = new();

    public IReadOnlyList<ResourceRunner> Runners => _runners;

    /// <summary>Starts everything and returns once every resource is up.</summary>
    /// <exception cref="ResourceFailedException">A resource could not be brought up (the others keep running until stopped).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var runner in _runners)
        {
            runner.Start(_byResource);
        }

        var pending = _runners.Select(r => r.Ready).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).WaitAsync(cancellationToken);
            await done;
            pending.Remove(done);
        }
    }

    /// <summary>Stops every resource, dependents before what they depend on. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        for (var i = _runners.Count - 1; i >= 0; i--)
        {
            await _runners[i].StopAsync();
        }
    }

    public IReadOnlyList<ResourceSnapshot> GetResources() => _runners.Select(r => r.Status.Snapshot()).ToList();

    public IReadOnlyList<ResourceLogLine> GetLogs(string? resource, long afterSequence, int max) => Logs.Get(resource, afterSequence, max);

    public Task<bool> RestartAsync(string resource, CancellationToken cancellationToken) =>
        _runners.FirstOrDefault(r => r.Resource.Name == resource) is { } runner && _stopped == 0
            ? runner.RestartAsync(_byResource, cancellationToken)
            : Task.FromResult(false);

    public ValueTask DisposeAsync() => new(StopAsync());

    private ResourceRunner Create(LakeResource resource) => resource switch
    {
        ProcessResource process => new ProcessRunner(process, Logs),
        FunctionResource function => new FunctionRunner(function, Logs),
        ExternalResource external => new ExternalRunner(external, Logs),
        _ => throw new NotSupportedException($"No runner for {resource.GetType().Name} '{resource.Name}'."),
    };
}
