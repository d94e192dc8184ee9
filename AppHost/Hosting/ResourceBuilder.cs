using Lake.Processes;

namespace Lake.AppHost.Hosting;

/// <summary>Configures one resource of the graph, Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
internal sealed class ResourceBuilder<T>(LakeAppBuilder app, T resource) where T : LakeResource
{
    public T Resource { get; } = resource;

    public LakeAppBuilder App { get; } = app;

    public ResourceBuilder<T> WithEnvironment(string name, string? value)
    {
        Resource.Environment.Add((_, environment) => environment[name] = value);
        return this;
    }

    /// <summary>Hands the resource what <paramref name="reference"/> provides (AWS settings, the lake's names, telemetry).</summary>
    public ResourceBuilder<T> WithReference(IResourceReference reference)
    {
        Resource.Environment.Add(reference.ApplyTo);
        return this;
    }

    /// <summary>Starts only once <paramref name="dependency"/> runs and is healthy.</summary>
    public ResourceBuilder<T> WaitFor<TOther>(ResourceBuilder<TOther> dependency) where TOther : LakeResource =>
        WaitFor(dependency.Resource, WaitBehavior.Healthy);

    /// <summary>Starts only once the resource behind <paramref name="reference"/> (if any) is healthy.</summary>
    public ResourceBuilder<T> WaitFor(IResourceReference reference) =>
        reference.Resource is { } dependency ? WaitFor(dependency, WaitBehavior.Healthy) : this;

    /// <summary>Starts only once <paramref name="dependency"/>, run once, finished successfully.</summary>
    public ResourceBuilder<T> WaitForCompletion<TOther>(ResourceBuilder<TOther> dependency) where TOther : LakeResource =>
        WaitFor(dependency.Resource, WaitBehavior.Completed);

    /// <summary>
    /// An HTTP endpoint on 127.0.0.1: <paramref name="port"/>, or a free port when it is 0. A project is started with
    /// <c>--urls</c> on it. <paramref name="configurationKey"/> names the setting the port came from, for errors.
    /// </summary>
    public ResourceBuilder<T> WithHttpEndpoint(int port, string configurationKey, string name = "http")
    {
        Resource.Endpoints.Add(new EndpointBinding(name, App.Ports.Reserve(port, configurationKey, Resource.Name), configurationKey));
        return this;
    }

    /// <summary>Healthy while <c>GET {endpoint}{path}</c> answers 2xx (or, with <paramref name="anyAnswer"/>, anything but a 5xx).</summary>
    public ResourceBuilder<T> WithHttpHealthCheck(string path, string endpoint = "http", bool anyAnswer = false)
    {
        var url = Resource.Endpoint(endpoint) ?? throw new InvalidOperationException($"{Resource.Name} has no endpoint '{endpoint}'.");
        Resource.HealthCheck = new HttpHealthCheck(new Uri(url.Url, path), anyAnswer);
        return this;
    }

    public ResourceBuilder<T> WithHealthCheck(IResourceHealthCheck check)
    {
        Resource.HealthCheck = check;
        return this;
    }

    /// <summary>A one-shot program: waits for exit code 0 instead of health, and is not restarted.</summary>
    public ResourceBuilder<T> RunsOnce()
    {
        Resource.RunsOnce = true;
        return this;
    }

    public ResourceBuilder<T> WithRestartPolicy(RestartPolicy policy)
    {
        Resource.Restart = policy;
        return this;
    }

    public ResourceBuilder<T> WithStartTimeout(TimeSpan timeout)
    {
        Resource.StartTimeout = timeout;
        return this;
    }

    private ResourceBuilder<T> WaitFor(LakeResource dependency, WaitBehavior behavior)
    {
        Resource.Dependencies.Add(new ResourceDependency(dependency, behavior));
        return this;
    }
}

internal static class ResourceBuilderExtensions
{
    /// <summary>Gives the process longer than the default 10 s to stop after SIGTERM (it has state to write).</summary>
    public static ResourceBuilder<T> WithStopGrace<T>(this ResourceBuilder<T> builder, TimeSpan grace) where T : ProcessResource
    {
        builder.Resource.StopGrace = grace;
        return builder;
    }

    public static ResourceBuilder<T> WithArgs<T>(this ResourceBuilder<T> builder, params string[] arguments) where T : ProcessResource
    {
        builder.Resource.Arguments.AddRange(arguments);
        return builder;
    }

    public static ResourceBuilder<FunctionResource> WithSqsEventSource(
        this ResourceBuilder<FunctionResource> builder, string queueName, int batchSize, int maximumBatchingWindowInSeconds = 0, bool reportBatchItemFailures = true)
    {
        builder.Resource.EventSources.Add(new SqsEventSource(queueName, batchSize, maximumBatchingWindowInSeconds, reportBatchItemFailures));
        return builder;
    }

    public static ResourceBuilder<FunctionResource> WithTimeout(this ResourceBuilder<FunctionResource> builder, int seconds)
    {
        builder.Resource.TimeoutSeconds = seconds;
        return builder;
    }
}
