using Lake.Cli.Connection;

namespace Lake.Cli.Tests;

/// <summary>Where the tool looks for the lake: flag, then environment, then the state directory, then the AppHost's default port.</summary>
[Trait("Category", "Unit")]
public sealed class ConnectionTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lake-cli-unit-");

    private string State => Directory.CreateDirectory(Path.Combine(_root.FullName, ".lake", "state")).FullName;

    [Fact]
    public void TheStateDirectoryIsFoundUpwardsAndItsUrlsAndKeyFilesAreUsed()
    {
        File.WriteAllText(Path.Combine(State, "lake.json"), """{"ingestApi":"http://127.0.0.1:6001","query":"http://127.0.0.1:6002","console":"http://127.0.0.1:6003","dashboard":"http://x"}""");
        File.WriteAllText(Path.Combine(State, "ingest-api-key"), "the-ingest-key\n");
        var below = Directory.CreateDirectory(Path.Combine(_root.FullName, "a", "b")).FullName;

        var connection = new LakeConnection(new LakeConnectionSettings(), _ => null, LakeState.Load(null, below));

        Assert.Equal(new Uri("http://127.0.0.1:6001"), connection.IngestApi.Url);
        Assert.Equal("the-ingest-key", connection.IngestApi.Key);
        Assert.Equal(new Uri("http://127.0.0.1:6002"), connection.Query.Url);
        Assert.Null(connection.Query.Key);
        Assert.Equal(new Uri("http://127.0.0.1:6003"), connection.Console.Url);
        Assert.Equal("the-ingest-key", connection.Console.Key);
        Assert.Contains("lake.json", connection.Query.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlagBeatsTheEnvironmentWhichBeatsTheStateDirectory()
    {
        File.WriteAllText(Path.Combine(State, "lake.json"), """{"ingestApi":"http://127.0.0.1:6001","query":"http://127.0.0.1:6002"}""");
        File.WriteAllText(Path.Combine(State, "query-api-key"), "file-key");
        var environment = new Dictionary<string, string> { ["LAKE_INGEST_URL"] = "http://127.0.0.1:7001", ["LAKE_QUERY_URL"] = "http://127.0.0.1:7002", ["LAKE_QUERY_KEY"] = "env-key" };

        var connection = new LakeConnection(new LakeConnectionSettings(QueryUrl: "http://127.0.0.1:8002"), environment.GetValueOrDefault, LakeState.Load(State, "/"));

        Assert.Equal(new Uri("http://127.0.0.1:8002"), connection.Query.Url);
        Assert.Equal("--query-url", connection.Query.Source);
        Assert.Equal("env-key", connection.Query.Key);
        Assert.Equal(new Uri("http://127.0.0.1:7001"), connection.IngestApi.Url);
        Assert.Equal("LAKE_INGEST_URL", connection.IngestApi.Source);
    }

    [Fact]
    public void WithoutAStateDirectoryTheDefaultPortsServeAndTheConsoleIsUnknown()
    {
        var connection = new LakeConnection(new LakeConnectionSettings(), _ => null, LakeState.Empty);

        Assert.Equal(new Uri("http://127.0.0.1:5080"), connection.IngestApi.Url);
        Assert.Equal(new Uri("http://127.0.0.1:5090"), connection.Query.Url);
        var error = Assert.Throws<LakeConfigurationException>(() => connection.Console);
        Assert.Contains("--console-url", error.Message, StringComparison.Ordinal);
        Assert.Contains("LAKE_CONSOLE_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateDirectoryWithOnlyTheKeyFileGivesTheKeyForTheDefaultPort()
    {
        File.WriteAllText(Path.Combine(State, "ingest-api-key"), "lake-0123\n");

        var ingest = new LakeConnection(new LakeConnectionSettings(), _ => null, LakeState.Load(null, _root.FullName)).IngestApi;

        Assert.Equal(new Uri("http://127.0.0.1:5080"), ingest.Url);
        Assert.Equal("lake-0123", ingest.Key);
        Assert.Equal(Path.Combine(State, "ingest-api-key"), ingest.KeySource);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    public void AUrlThatIsNotHttpIsRefusedNamingWhereItCameFrom(string url)
    {
        var connection = new LakeConnection(new LakeConnectionSettings(IngestUrl: url), _ => null, LakeState.Empty);

        var error = Assert.Throws<LakeConfigurationException>(() => connection.IngestApi);
        Assert.Contains("--ingest-url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateFileThatIsNotJsonIsReportedWithItsPath()
    {
        File.WriteAllText(Path.Combine(State, "lake.json"), "{ not json");

        var error = Assert.Throws<LakeConfigurationException>(() => LakeState.Load(State, "/"));
        Assert.Contains(Path.Combine(State, "lake.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGivenStateDirectoryThatDoesNotExistIsAnError() =>
        Assert.Throws<LakeConfigurationException>(() => LakeState.Load(Path.Combine(_root.FullName, "missing"), "/"));

    public void Dispose() => _root.Delete(recursive: true);
}
