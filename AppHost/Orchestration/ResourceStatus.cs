using Lake.AppHost.Hosting;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Orchestration;

/// <summary>The live state of one resource, written by its runner and read by the feed and the terminal. Thread-safe.</summary>
internal sealed class ResourceStatus(LakeResource resource)
{
    private static readonly string[] SecretMarks = ["SECRET", "TOKEN", "PASSWORD", "APIKEY"];
    private readonly Lock _lock = new();
    private ResourceState _state = ResourceState.NotStarted;
    private ResourceHealth _health = ResourceHealth.Unknown;
    private int _restarts;
    private int? _processId;
    private DateTimeOffset? _startedAt;
    private int? _exitCode;
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    /// <summary>Raised after each change of state, with a line saying why (an exit code, a backoff), or null.</summary>
    public event Action<ResourceStatus, string?>? StateChanged;

    public LakeResource Resource { get; } = resource;

    public ResourceState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public int Restarts
    {
        get
        {
            lock (_lock)
            {
                return _restarts;
            }
        }
    }

    public void SetState(ResourceState state, string? note = null, int? exitCode = null)
    {
        lock (_lock)
        {
            _state = state;
            _exitCode = exitCode ?? (state is ResourceState.Starting ? null : _exitCode);
            if (state is not ResourceState.Running)
            {
                _health = ResourceHealth.Unknown;
            }

            if (state is ResourceState.Finished or ResourceState.Exited or ResourceState.Restarting or ResourceState.Waiting)
            {
                _processId = null;
            }
        }

        StateChanged?.Invoke(this, note);
    }

    public void SetHealth(ResourceHealth health)
    {
        lock (_lock)
        {
            _health = health;
        }
    }

    /// <summary>A process (or, for a function, its host) started with this environment; secrets are masked.</summary>
    public void Started(int? processId, IReadOnlyDictionary<string, string?> environment)
    {
        lock (_lock)
        {
            _processId = processId;
            _startedAt = DateTimeOffset.Now;
            _environment = environment.Where(e => e.Value is not null)
                .ToDictionary(e => e.Key, e => IsSecret(e.Key) ? "********" : e.Value!, StringComparer.Ordinal);
        }
    }

    public void CountRestart()
    {
        lock (_lock)
        {
            _restarts++;
        }
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new ResourceSnapshot(
                Resource.Name, Resource.Type, _state, _health,
                Resource.Endpoints.Select(e => new ResourceEndpoint(e.Name, e.Url)).ToList(),
                _restarts, _processId, _startedAt, _exitCode,
                Resource.Dependencies.Select(d => d.Resource.Name).ToList(), _environment);
        }
    }

    private static bool IsSecret(string key)
    {
        var plain = key.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        return SecretMarks.Any(mark => plain.Contains(mark, StringComparison.Ordinal));
    }
}
