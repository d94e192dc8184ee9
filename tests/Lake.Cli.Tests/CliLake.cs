using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Cli.Tests;

/// <summary>
/// A provisioned lake in moto with every service a user's <c>lake</c> talks to or depends on, each a real process:
/// the Lambda emulator running the validate function, the ingest API, the transform, the query service and the
/// console; and a state directory written as the AppHost writes it (<c>lake.json</c>, key files), found by the tool
/// from a directory below it as in a clone of the repository.
/// </summary>
public sealed class CliLake : IAsyncLifetime
{
    public const string CollectionName = "cli lake";
    public const string IngestKey = "cli-test-ingest-key-0123456789";
    public const string QueryKey = "cli-test-query-key-0123456789";

    private readonly EmulatorFixture _aws = new();
    private readonly List<ServiceProcess> _services = [];

    public EmulatorFixture Aws => _aws;

    public TestLake Lake { get; private set; } = null!;

    public ServiceProcess IngestApi { get; private set; } = null!;

    public ServiceProcess Query { get; private set; } = null!;

    public ServiceProcess Console { get; private set; } = null!;

    /// <summary>A directory of its own, with <c>.lake/state/</c> in it as in the repository.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("lake-cli-test-").FullName;

    public string StateDirectory => Path.Combine(Root, ".lake", "state");

    /// <summary>Where the tool runs: below <see cref="Root"/>, so it finds the state directory upwards.</summary>
    public string WorkingDirectory => Path.Combine(Root, "work", "here");

    public UploadStatusStore Status => new(Lake.Clients.DynamoDb, Lake.Options.StatusTable);

    public async Task InitializeAsync()
    {
        await _aws.InitializeAsync();
        Lake = new TestLake(_aws);
        await Lake.Provisioner.ProvisionAsync();
        var aws = _aws.AwsEnvironment;
        var lake = Lake.Options;
        _services.Add(await ValidateFunctionHost.StartAsync(aws, lake, retryAfterSeconds: 5));
        IngestApi = await StartAsync("services/Lake.IngestApi", ServiceEnvironment.For(aws, lake, ("IngestApi__ApiKeys__0", IngestKey)));
        _services.Add(await ServiceProcess.StartAsync("services/Lake.TransformService",
            ServiceEnvironment.For(aws, lake, ("Transform__TempDirectory", Directory.CreateDirectory(Path.Combine(Root, "transform")).FullName))));
        Query = await StartAsync("services/Lake.QueryService", ServiceEnvironment.For(aws, lake,
            ("Query__CacheDirectory", Path.Combine(Root, "query-cache")), ("Query__ApiKeys__0", QueryKey), ("Query__RefreshIntervalSeconds", "1")));
        Console = await StartAsync("services/Lake.Console", ServiceEnvironment.For(aws, lake,
            ("Console__ApiKeys__0", IngestKey), ("Console__QueryApiKey", QueryKey), ("services__query__http__0", Query.BaseAddress.ToString())));

        Directory.CreateDirectory(StateDirectory);
        Directory.CreateDirectory(WorkingDirectory);
        await File.WriteAllTextAsync(Path.Combine(StateDirectory, "lake.json"), JsonSerializer.Serialize(new
        {
            ingestApi = IngestApi.BaseAddress,
            query = Query.BaseAddress,
            console = Console.BaseAddress,
            dashboard = "http://127.0.0.1:1/",
            awsEndpoint = _aws.Endpoint,
        }));
        await File.WriteAllTextAsync(Path.Combine(StateDirectory, "ingest-api-key"), IngestKey + "\n");
        await File.WriteAllTextAsync(Path.Combine(StateDirectory, "query-api-key"), QueryKey + "\n");
    }

    /// <summary>Runs <c>lake</c> in <see cref="WorkingDirectory"/>, finding this lake from its state directory alone.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) => LakeTool.RunAsync(WorkingDirectory, null, arguments);

    /// <summary>
    /// The February orders uploaded through the ingest API (not the tool) and cataloged, once per collection: what the
    /// query, tables and status tests read.
    /// </summary>
    public Task<string> FebruaryOrdersAsync() => _february ??= UploadCatalogedAsync(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"));

    private Task<string>? _february;

    private async Task<string> UploadCatalogedAsync(string path)
    {
        using var client = new IngestApiClient(IngestApi.BaseAddress, IngestKey);
        var id = await client.UploadAsync("orders", Path.GetFileName(path), await File.ReadAllBytesAsync(path));
        var status = await client.WaitForStageAsync(id, TimeSpan.FromMinutes(3), "Cataloged", "Rejected", "Failed");
        return status.GetProperty("stage").GetString() == "Cataloged"
            ? id
            : throw new InvalidOperationException($"{path} ended {status}:\n{ServiceOutput()}");
    }

    /// <summary>The catalog database's name, as SQL names it.</summary>
    public string Database => Lake.Options.GlueDatabase;

    private async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string> environment)
    {
        var service = await ServiceProcess.StartAsync(project, environment);
        _services.Add(service);
        return service;
    }

    /// <summary>The last lines every service printed, for a failing assertion.</summary>
    public string ServiceOutput(int lines = 15) => string.Join('\n', _services.SelectMany(s => s.Output.TakeLast(lines)));

    public async Task DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_services))
        {
            await service.DisposeAsync();
        }

        Lake?.Dispose();
        await _aws.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(CliLake.CollectionName)]
public sealed class CliLakeCollection : ICollectionFixture<CliLake>;
