namespace Lake.Dashboard.Resources;

/// <summary>
/// What the dashboard reads of the resources the AppHost runs: their state and their console output. The AppHost
/// implements it; the dashboard only reads (and may ask for a restart). Implementations are thread-safe.
/// </summary>
public interface IResourceFeed
{
    /// <summary>Every resource, in start order.</summary>
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>
    /// Console lines of <paramref name="resource"/> (or of every resource when null) with a sequence number above
    /// <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>. Sequence numbers grow across
    /// all resources, so a page polls with the last one it saw.
    /// </summary>
    IReadOnlyList<ResourceLogLine> GetLogs(string? resource, long afterSequence, int max);

    /// <summary>Stops the resource's process (if running) and starts it again; false when it cannot be restarted.</summary>
    Task<bool> RestartAsync(string resource, CancellationToken cancellationToken);
}

/// <summary>A resource's lifecycle, as Aspire's dashboard shows it.</summary>
public enum ResourceState
{
    NotStarted,

    /// <summary>Waiting for the resources it depends on to be healthy.</summary>
    Waiting,

    Starting,
    Running,

    /// <summary>Exited unexpectedly; a restart is scheduled after a backoff.</summary>
    Restarting,

    /// <summary>A one-shot resource (the provisioner) that ended with exit code 0.</summary>
    Finished,

    /// <summary>Ended and will not be started again (gave up restarting, or failed to start).</summary>
    Exited,

    Stopping,
}

/// <summary>Whether a running resource's health check passes; <see cref="Unknown"/> when it has none or has not answered yet.</summary>
public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <param name="Name">Kebab-case, unique: <c>aws-emulator</c>, <c>provisioner</c>, <c>lambda-emulator</c>, <c>validate</c>, <c>ingest-api</c>, <c>transform</c>, <c>query</c>.</param>
/// <param name="Type">What it is: <c>Emulator</c>, <c>Project</c>, <c>Function</c>, <c>Executable</c>, <c>Container</c>.</param>
/// <param name="DependsOn">The resources it waited for.</param>
/// <param name="Environment">The environment the AppHost gave it (secrets masked).</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    ResourceHealth Health,
    IReadOnlyList<ResourceEndpoint> Endpoints,
    int Restarts,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    int? ExitCode,
    IReadOnlyList<string> DependsOn,
    IReadOnlyDictionary<string, string> Environment);

/// <param name="Name">e.g. <c>http</c>, <c>otlp</c>, <c>console</c>.</param>
public sealed record ResourceEndpoint(string Name, Uri Url);

/// <param name="Sequence">Grows by one per line across all resources.</param>
/// <param name="IsError">Written to stderr.</param>
public sealed record ResourceLogLine(long Sequence, string Resource, DateTimeOffset Timestamp, bool IsError, string Text);
