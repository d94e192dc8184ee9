using Lake.Processes;

namespace Lake.AppHost.Hosting;

/// <summary>
/// One thing the AppHost runs or watches, as an Aspire resource: a name, endpoints, an environment built from its
/// references, the resources it waits for, a health check and a restart policy.
/// </summary>
internal abstract class LakeResource(string name)
{
    public string Name { get; } = name;

    /// <summary>What the dashboard calls it: <c>Emulator</c>, <c>Project</c>, <c>Function</c>, <c>Executable</c>, <c>Container</c>.</summary>
    public abstract string Type { get; }

    public List<EndpointBinding> Endpoints { get; } = [];

    /// <summary>Run in order at each start; a null value removes a variable the AppHost itself inherited.</summary>
    public List<Action<LakeResource, IDictionary<string, string?>>> Environment { get; } = [];

    public List<ResourceDependency> Dependencies { get; } = [];

    public IResourceHealthCheck? HealthCheck { get; set; }

    public RestartPolicy Restart { get; set; } = RestartPolicy.Default;

    /// <summary>How long a start may take to become healthy (or, run once, to finish).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A one-shot program (the provisioner): exit code 0 is success, and it is not restarted.</summary>
    public bool RunsOnce { get; set; }

    /// <summary>The environment of the next start: every callback applied to an empty set.</summary>
    public IReadOnlyDictionary<string, string?> BuildEnvironment()
    {
        var environment = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var apply in Environment)
        {
            apply(this, environment);
        }

        return environment;
    }

    public EndpointBinding? Endpoint(string name) => Endpoints.FirstOrDefault(e => e.Name == name);
}

/// <param name="Name">e.g. <c>http</c>, <c>aws</c>.</param>
/// <param name="Port">Resolved when the graph is built; never 0 afterwards.</param>
internal sealed record EndpointBinding(string Name, int Port, string ConfigurationKey, string Host = "127.0.0.1", string Scheme = "http")
{
    public Uri Url => new($"{Scheme}://{Host}:{Port}");
}

internal enum WaitBehavior
{
    /// <summary>Start once the dependency runs and its health check passes.</summary>
    Healthy,

    /// <summary>Start once the dependency (run once) finished with exit code 0.</summary>
    Completed,
}

internal sealed record ResourceDependency(LakeResource Resource, WaitBehavior Behavior);

/// <summary>Something that hands a resource settings (Aspire's <c>WithReference</c>): the AWS target, the lake's names, telemetry.</summary>
internal interface IResourceReference
{
    /// <summary>The resource to wait for before using the reference, if any (the emulator behind an AWS target).</summary>
    LakeResource? Resource { get; }

    void ApplyTo(LakeResource target, IDictionary<string, string?> environment);
}

internal interface IResourceHealthCheck
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
