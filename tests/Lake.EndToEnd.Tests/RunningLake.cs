using Lake.Configuration;
using Lake.Testing;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The lake as <c>dotnet run --project AppHost</c> runs it: a real AppHost process with every service, its telemetry
/// going to its own dashboard, every resource name prefixed (so only the AppHost's wiring makes it work), free ports.
/// The seed uploads happen once, on first use, for every test of the collection.
/// </summary>
public sealed class RunningLake : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-e2e-").FullName;
    private readonly Lazy<Task<SeedRun>> _seed;

    public RunningLake() => _seed = new(() => SeedRun.UploadAsync(this));

    public LakeOptions Options { get; } = TestLake.OptionsFor(TestNames.Unique("e2e"));

    public AppHostProcess Host { get; private set; } = null!;

    public Uri Dashboard => Host.Url("dashboard");

    public Uri QueryService => Host.Url("query");

    public IngestApiClient Ingest() => new(Host.Url("ingest-api"), Host.IngestApiKey);

    /// <summary>The seed files uploaded (some through the ingest API, some with the AWS CLI) and each at its final stage.</summary>
    public Task<SeedRun> SeedAsync() => _seed.Value;

    public async Task InitializeAsync()
    {
        Host = AppHostProcess.Start(_state,
        [
            .. AppHostProcess.FreePorts,
            .. LakeEnvironment.Of(Options).Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}"),
        ]);
        await Host.WaitUntilRunningAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RunningLakeCollection : ICollectionFixture<RunningLake>
{
    public const string Name = "running-lake";
}
