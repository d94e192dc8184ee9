namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ProfilingTests : InMemoryDatabase
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void WithoutProfilingThereIsNoProfile()
    {
        Connection.Execute("SELECT 1");

        Assert.Null(Connection.GetProfile());
    }

    [Fact]
    public void TheProfileNamesTheQueryItsOperatorsAndTheFilesAScanRead()
    {
        var file = _scratch.File("numbers.parquet");
        Connection.Execute($"COPY (SELECT range AS i, 'text number ' || range AS s FROM range(100000)) TO '{file}' (FORMAT parquet)");
        Connection.Execute("SET enable_profiling = 'no_output'");
        var sql = $"SELECT i, s FROM read_parquet('{file}') WHERE i < 10";

        using (var reader = Connection.Query(sql))
        {
            while (reader.Read())
            {
            }
        }

        var profile = Assert.IsType<DuckDbProfile>(Connection.GetProfile());
        Assert.Equal(sql, profile.Metrics["QUERY_NAME"]);
        Assert.Equal(10, profile.GetInt64("ROWS_RETURNED"));
        var scan = Assert.Single(profile.Descendants(), node => node.Metrics.GetValueOrDefault("OPERATOR_TYPE") == "TABLE_SCAN");
        Assert.Contains(file, scan.Metrics["EXTRA_INFO"]);
        Assert.Contains("Total Files Read=1", scan.Metrics["EXTRA_INFO"]);
    }

    [Fact]
    public void EachQueryReplacesTheProfileOfTheOneBefore()
    {
        Connection.Execute("SET enable_profiling = 'no_output'");

        Connection.Execute("SELECT 1 AS first");
        Connection.Execute("SELECT 2 AS second");

        Assert.Equal("SELECT 2 AS second", Connection.GetProfile()!.Metrics["QUERY_NAME"]);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _scratch.Dispose();
    }
}
