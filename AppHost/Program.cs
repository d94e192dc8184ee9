using Lake.AppHost;
using Lake.AppHost.Aws;
using Lake.AppHost.Lambda;
using Lake.AppHost.Lifecycle;
using Lake.AppHost.Scheduling;
using Lake.AppHost.Seeding;

// The lake's resource graph, in start order: each resource waits for what it needs.
if (CommandLine.WantsHelp(args))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

try
{
    var builder = DistributedApplication.CreateBuilder(CommandLine.ToConfiguration(args));
    var lake = builder.AddLakeSettings();
    var aws = await builder.AddAwsAsync(lake);
    var ports = lake.Options.Ports;

    var provisioner = builder.AddProject<Projects.Lake_Provisioner>("provisioner")
        .WithAws(aws).WithLakeNames(lake);

    var lambda = builder.AddProject<Projects.Lake_LambdaEmulator>("lambda-emulator")
        .WithHttpEndpoint(ports.Port(ports.LambdaEmulator)).WithHttpHealthCheck("/health")
        .WithAws(aws)
        .WaitForCompletion(provisioner);

    lambda.AddLambdaFunction<Projects.Lake_Functions_Validate>("validate")
        .WithLakeNames(lake).WithOwnAwsKey(aws)
        .WithSQSEventSource(lake.Names.Queues.Validate.Name, batchSize: 10, reportBatchItemFailures: true)
        .WithTimeout(60);

    builder.AddScheduledIngestion(lake, aws, lambda);

    var ingest = builder.AddProject<Projects.Lake_IngestApi>("ingest-api")
        .WithHttpEndpoint(ports.Port(ports.IngestApi)).WithHttpHealthCheck("/health")
        .WithAws(aws).WithLakeNames(lake)
        .WithEnvironment("IngestApi__ApiKeys__0", lake.State.IngestApiKey)
        .WaitForCompletion(provisioner);

    var transform = builder.AddProject<Projects.Lake_TransformService>("transform")
        .WithHttpEndpoint(ports.Port(ports.Transform)).WithHttpHealthCheck("/health")
        .WithAws(aws).WithLakeNames(lake)
        .WaitForCompletion(provisioner);

    // The query service keeps its Parquet cache with the rest of the local state (one process owns it).
    var query = builder.AddProject<Projects.Lake_QueryService>("query")
        .WithHttpEndpoint(ports.Port(ports.Query)).WithHttpHealthCheck("/health")
        .WithAws(aws).WithLakeNames(lake)
        .WithEnvironment("Query__CacheDirectory", Path.Combine(lake.State.Directory, "query-cache"))
        .WithEnvironment("Query__ApiKeys__0", lake.State.QueryApiKey)
        .WithEnvironment("Athena__Clients__0", $"{AwsTarget.EmulatorAccessKey}:{AwsTarget.EmulatorAccessKey}")
        .WaitForCompletion(provisioner);

    var console = builder.AddProject<Projects.Lake_Console>("lake-console")
        .WithHttpEndpoint(ports.Port(ports.Console)).WithHttpHealthCheck("/health")
        .WithAws(aws).WithLakeNames(lake)
        .WithEnvironment("Console__ApiKeys__0", lake.State.ConsoleKey)
        .WithEnvironment("Console__StateDirectory", lake.State.Directory)
        .WithEnvironment("Console__QueryApiKey", lake.State.QueryApiKey)
        .WithDashboardUrl(builder)
        .WithReference(query)
        .WithRedriveCommand(lake)
        .WaitFor(query)
        .WaitForCompletion(provisioner);

    var seed = builder.AddSeed(lake, ingest, lambda, transform);
    builder.AddRestartPolicy(provisioner.Resource, seed.Resource);
    builder.AddOrderlyStop();
    builder.AddProjectDefaults(otlpTimeout: TimeSpan.FromSeconds(1));
    builder.AddLakeSummary(lake, aws, lambda, ingest, transform, query, console);
    await builder.Build().RunAsync();
    return 0;
}
catch (LakeSettingsException ex)
{
    Console.Error.WriteLine($"lake: {ex.Message}");
    return 1;
}
