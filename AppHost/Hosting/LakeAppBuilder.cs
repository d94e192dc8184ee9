using Lake.AppHost.Orchestration;

namespace Lake.AppHost.Hosting;

/// <summary>
/// Collects the resource graph, as Aspire's <c>DistributedApplicationBuilder</c>: resources are added after what
/// they wait for, so the order they are added in is a start order (and, reversed, a stop order).
/// </summary>
internal sealed class LakeAppBuilder(AppHostOptions options)
{
    private readonly List<LakeResource> _resources = [];

    public AppHostOptions Options { get; } = options;

    public PortPlan Ports { get; } = new();

    public IReadOnlyList<LakeResource> Resources => _resources;

    public ResourceBuilder<ProjectResource> AddProject(string name, LakeProject project) => Add(new ProjectResource(name, project));

    public ResourceBuilder<ExecutableResource> AddExecutable(string name, string type, string command, string workingDirectory) =>
        Add(new ExecutableResource(name, type, command, workingDirectory));

    /// <summary>Something already running at <paramref name="url"/>, watched by its health check.</summary>
    public ResourceBuilder<ExternalResource> AddExternal(string name, string type, Uri url)
    {
        var external = Add(new ExternalResource(name, type));
        external.Resource.Endpoints.Add(new EndpointBinding("http", url.Port, "", url.Host, url.Scheme));
        return external;
    }

    /// <summary>A Lambda function run by <paramref name="host"/> (the Lambda emulator); healthy once it handles an invocation.</summary>
    public ResourceBuilder<FunctionResource> AddFunction(string name, LakeProject project, ResourceBuilder<ProjectResource> host)
    {
        var function = Add(new FunctionResource(name, project, host.Resource));
        function.Resource.Dependencies.Add(new ResourceDependency(host.Resource, WaitBehavior.Healthy));
        var invokeApi = host.Resource.Endpoint("http") ?? throw new InvalidOperationException($"{host.Resource.Name} has no http endpoint for its Invoke API.");
        return function.WithHealthCheck(new FunctionInvokeHealthCheck(() => invokeApi.Url, name));
    }

    public LakeApp Build() => new(_resources);

    private ResourceBuilder<T> Add<T>(T resource) where T : LakeResource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already in the graph.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }
}
