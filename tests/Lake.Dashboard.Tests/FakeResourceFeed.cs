using Lake.Dashboard.Resources;

namespace Lake.Dashboard.Tests;

/// <summary>The AppHost's side of <see cref="IResourceFeed"/>, played by the test: resources it sets, lines it writes.</summary>
internal sealed class FakeResourceFeed : IResourceFeed
{
    private readonly Lock _lock = new();
    private readonly List<ResourceLogLine> _lines = [];
    private List<ResourceSnapshot> _resources = [];

    public List<string> Restarted { get; } = [];

    public void Set(params ResourceSnapshot[] resources)
    {
        lock (_lock)
        {
            _resources = [.. resources];
        }
    }

    public void Write(string resource, string text, bool isError = false)
    {
        lock (_lock)
        {
            _lines.Add(new ResourceLogLine(_lines.Count + 1, resource, DateTimeOffset.UtcNow, isError, text));
        }
    }

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_lock)
        {
            return [.. _resources];
        }
    }

    public IReadOnlyList<ResourceLogLine> GetLogs(string? resource, long afterSequence, int max)
    {
        lock (_lock)
        {
            return [.. _lines.Where(l => l.Sequence > afterSequence && (resource is null || l.Resource == resource)).Take(max)];
        }
    }

    public Task<bool> RestartAsync(string resource, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Restarted.Add(resource);
            return Task.FromResult(resource != "provisioner");
        }
    }

    public static ResourceSnapshot Resource(
        string name, ResourceState state = ResourceState.Running, ResourceHealth health = ResourceHealth.Healthy, Uri? http = null, int restarts = 0) =>
        new(name, "Project", state, health, http is null ? [] : [new ResourceEndpoint("http", http)], restarts,
            state == ResourceState.Running ? 4242 : null, DateTimeOffset.UtcNow, null, [], new Dictionary<string, string>());

    /// <summary>The seven resources the AppHost runs, all running and healthy.</summary>
    public static ResourceSnapshot[] TheLake() =>
    [
        Resource("aws-emulator", http: new Uri("http://127.0.0.1:4566/")), Resource("provisioner", ResourceState.Finished, ResourceHealth.Unknown),
        Resource("lambda-emulator"), Resource("validate"), Resource("ingest-api"), Resource("transform"), Resource("query"),
    ];
}
