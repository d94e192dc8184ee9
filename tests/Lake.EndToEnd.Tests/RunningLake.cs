using Lake.Testing;
using Lake.Testing.Aspire;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The lake as the AppHost defines it, started by <c>DistributedApplicationTestingBuilder</c> once for the collection:
/// every resource name prefixed, free ports. The seed uploads happen once, on first use, for every test of it.
/// </summary>
public sealed class RunningLake : AspireLake
{
    private readonly Lazy<Task<SeedRun>> _seed;

    public RunningLake() => _seed = new(() => SeedRun.UploadAsync(this));

    public Uri QueryService => Url("query");

    public IngestApiClient Ingest() => new(Url("ingest-api"), IngestApiKey);

    /// <summary>The seed files uploaded (some through the ingest API, some with the AWS CLI) and each at its final stage.</summary>
    public Task<SeedRun> SeedAsync() => _seed.Value;
}

[CollectionDefinition(Name)]
public sealed class RunningLakeCollection : ICollectionFixture<RunningLake>
{
    public const string Name = "running-lake";
}
