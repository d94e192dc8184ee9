using Lake.AppHost.Aws;
using Lake.AppHost.Hosting;
using Lake.AppHost.References;
using Lake.AppHost.Telemetry;
using Lake.Configuration;

namespace Lake.AppHost;

/// <summary>The lake as a resource graph, in start order: each resource after what it waits for.</summary>
internal static class LakeGraph
{
    public static async Task<LakeEndpoints> AddLakeAsync(
        this LakeAppBuilder builder, LakeOptions lakeOptions, LocalState state, CancellationToken cancellationToken)
    {
        var ports = builder.Options.Ports;
        var lake = new LakeNames(lakeOptions);
        var aws = await builder.AddAwsAsync(state.Directory, cancellationToken);
        var telemetry = builder.AddDashboardTelemetry();

        var provisioner = builder.AddProject("provisioner", LakeProjects.Provisioner)
            .WithReference(aws).WithReference(lake).WithReference(telemetry)
            .WaitFor(aws)
            .RunsOnce();

        var lambda = builder.AddProject("lambda-emulator", LakeProjects.LambdaEmulator)
            .WithHttpEndpoint(ports.LambdaEmulator, "AppHost:Ports:LambdaEmulator")
            .WithHttpHealthCheck("/health")
            .WithReference(aws).WithReference(telemetry)
            .WaitForCompletion(provisioner);

        builder.AddFunction("validate", LakeProjects.ValidateFunction, lambda)
            .WithReference(lake)
            .WithSqsEventSource(lakeOptions.Queues.Validate.Name, batchSize: 10, reportBatchItemFailures: true)
            .WithTimeout(60);

        var ingest = builder.AddProject("ingest-api", LakeProjects.IngestApi)
            .WithHttpEndpoint(ports.IngestApi, "AppHost:Ports:IngestApi")
            .WithHttpHealthCheck("/health")
            .WithReference(aws).WithReference(lake).WithReference(telemetry)
            .WithEnvironment("IngestApi__ApiKeys__0", state.IngestApiKey)
            .WaitForCompletion(provisioner);

        // The query service keeps its Parquet cache with the rest of the local state (one process owns it).
        builder.AddProject("query", LakeProjects.QueryService)
            .WithHttpEndpoint(ports.Query, "AppHost:Ports:Query")
            .WithHttpHealthCheck("/health")
            .WithReference(aws).WithReference(lake).WithReference(telemetry)
            .WithEnvironment("Query__CacheDirectory", Path.Combine(state.Directory, "query-cache"))
            .WaitForCompletion(provisioner);

        builder.AddProject("transform", LakeProjects.TransformService)
            .WithHttpEndpoint(ports.Transform, "AppHost:Ports:Transform")
            .WithHttpHealthCheck("/health")
            .WithReference(aws).WithReference(lake).WithReference(telemetry)
            .WaitForCompletion(provisioner);

        return new LakeEndpoints(aws, lake, telemetry, ingest.Resource.Endpoint("http")!.Url, state);
    }
}

/// <summary>What the terminal and the seeder need to know of the running lake.</summary>
internal sealed record LakeEndpoints(AwsTarget Aws, LakeNames Lake, DashboardTelemetry Telemetry, Uri IngestApi, LocalState State);
