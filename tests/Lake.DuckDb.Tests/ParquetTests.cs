namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ParquetTests : InMemoryDatabase
{
    private const string Columns = "id, region, amount, customer, day";
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void PartitionedCopyWritesAHiveLayoutThatReadsBackIdentically()
    {
        Connection.Execute("""
            CREATE TABLE sales AS
            SELECT range::INTEGER AS id,
                   ['eu', 'us', 'apac'][1 + range % 3] AS region,
                   (range * 1.25)::DECIMAL(12,2) AS amount,
                   CASE WHEN range % 5 = 0 THEN NULL ELSE 'customer number ' || range END AS customer,
                   DATE '2025-01-01' + (range % 10)::INTEGER AS day
            FROM range(5000)
            """);
        var output = _scratch.File("sales");

        Connection.Execute($"COPY (SELECT * FROM sales) TO '{output}' (FORMAT parquet, PARTITION_BY (region))");

        var partitions = Directory.GetDirectories(output).Select(d => Path.GetFileName(d)).Order().ToArray();
        Assert.Equal(["region=apac", "region=eu", "region=us"], partitions);
        Assert.All(partitions, p => Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, p), "*.parquet")));

        var source = ReadAll($"SELECT {Columns} FROM sales ORDER BY id");
        var copy = ReadAll($"SELECT {Columns} FROM read_parquet('{output}/**/*.parquet', hive_partitioning = true) ORDER BY id");
        Assert.Equal(5000, source.Count);
        Assert.Equal(source.Count, copy.Count);
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i], copy[i]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _scratch.Dispose();
    }

    private List<object?[]> ReadAll(string sql)
    {
        using var reader = Connection.Query(sql);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        }

        return rows;
    }
}
