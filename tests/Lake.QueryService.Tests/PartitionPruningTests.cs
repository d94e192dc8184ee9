using System.Net;

namespace Lake.QueryService.Tests;

/// <summary>A filter on the partition key opens only the matching partitions' files, and bytes scanned says so.</summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class PartitionPruningTests(ServedLake lake)
{
    [Fact]
    public async Task AFilterOnThePartitionKeyReadsOnlyThatPartitionsFile()
    {
        var sizes = await ObjectSizesAsync();

        var (allStatus, all) = await lake.Service.QueryAsync($"SELECT count(*), sum(total) FROM {lake.Table}");
        var (oneStatus, one) = await lake.Service.QueryAsync($"SELECT count(*), sum(total) FROM {lake.Table} WHERE order_date = DATE '2024-06-02'");

        Assert.Equal(HttpStatusCode.OK, allStatus);
        Assert.Equal(HttpStatusCode.OK, oneStatus);
        Assert.Equal(60, all.GetProperty("rows")[0][0].GetInt64());
        Assert.Equal(20, one.GetProperty("rows")[0][0].GetInt64());
        Assert.Equal(3, all.GetProperty("filesScanned").GetInt32());
        Assert.Equal(sizes.Sum(), all.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(1, one.GetProperty("filesScanned").GetInt32());
        Assert.Equal(sizes[1], one.GetProperty("bytesScanned").GetInt64());
        Assert.False(all.GetProperty("bytesScannedEstimated").GetBoolean()); // DuckDB names every file read: exact
        Assert.False(one.GetProperty("bytesScannedEstimated").GetBoolean());
    }

    [Fact]
    public async Task DuckDbsPlanShowsThePrunedFileList()
    {
        var rows = await lake.Service.RowsAsync($"EXPLAIN SELECT * FROM {lake.Table} WHERE order_date >= DATE '2024-06-02'");

        var plan = string.Join('\n', rows.EnumerateArray().Select(r => r[1].GetString()));
        Assert.Contains("Scanning Files: 2/3", plan);
    }

    [Fact]
    public async Task AStatementThatScansNoTableScansNoBytes()
    {
        var (_, body) = await lake.Service.QueryAsync($"DESCRIBE {lake.Table}");

        Assert.Equal(0, body.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(0, body.GetProperty("filesScanned").GetInt32());
    }

    // The sizes as S3 reports them, through the AWS CLI: an independent measure of what the query service read.
    private async Task<long[]> ObjectSizesAsync()
    {
        var sizes = new List<long>();
        foreach (var key in lake.Keys)
        {
            var head = await lake.Emulator.Cli.RunAsync("s3api", "head-object", "--bucket", lake.Lake.Options.Buckets.Curated, "--key", key);
            sizes.Add(head!.Value.GetProperty("ContentLength").GetInt64());
        }

        return [.. sizes];
    }
}
