namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ProfileTests : InMemoryDatabase
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task WithoutProfilingNoProfileIsWritten()
    {
        await Connection.ExecuteAsync("SELECT 1");

        Assert.Null(DuckDbProfile.Read(_scratch.File("profile.json")));
    }

    [Fact]
    public async Task TheProfileNamesTheQueryItsOperatorsAndOnlyTheFilesAScanRead()
    {
        var output = _scratch.File("numbers");
        await Connection.ExecuteAsync($"COPY (SELECT range AS i, range % 3 AS p FROM range(3000)) TO {SqlText.Path(output)} (FORMAT parquet, PARTITION_BY (p))");
        var files = Directory.GetFiles(output, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var profileFile = _scratch.File("profile.json");
        DuckDbProfile.Enable(Connection, profileFile);
        var sql = $"SELECT count(*) FROM read_parquet({SqlText.PathList(files)}, hive_partitioning = true) WHERE p = 1";

        Assert.Equal(1000, await Connection.ExecuteScalarAsync<long>(sql));

        var profile = Assert.IsType<DuckDbProfile>(DuckDbProfile.Read(profileFile));
        Assert.Equal(sql, profile.Metrics["query_name"]);
        Assert.Equal("1", profile.Metrics["rows_returned"]);
        var scan = Assert.Single(profile.Descendants(), node => node.OperatorType == "TABLE_SCAN");
        Assert.Equal(files.Single(f => f.Contains("p=1", StringComparison.Ordinal)), scan.ExtraInfo["Filename(s)"]);
        Assert.Equal("1", scan.ExtraInfo["Total Files Read"]);
        Assert.Equal("1/3", scan.ExtraInfo["Scanning Files"]);
    }

    [Fact]
    public async Task EachStatementReplacesTheProfileOfTheOneBefore()
    {
        var profileFile = _scratch.File("profile.json");
        DuckDbProfile.Enable(Connection, profileFile);

        await Connection.ExecuteAsync("SELECT 1 AS first");
        await Connection.ExecuteAsync("SELECT 2 AS second");

        Assert.Equal("SELECT 2 AS second", DuckDbProfile.Read(profileFile)!.Metrics["query_name"]);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _scratch.Dispose();
    }
}
