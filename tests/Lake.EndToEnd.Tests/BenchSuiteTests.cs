using Lake.Testing.Aspire.Bench;
using Xunit.Abstractions;

namespace Lake.EndToEnd.Tests;

/// <summary>
/// The bench's latency, burst and query runs at CI size, so their harness cannot rot: the figures are printed, not
/// asserted (speed is for <c>bench/Lake.Benchmarks -- latency</c>, <c>-- burst</c> and <c>-- query</c>); what is
/// asserted is what the runs report besides time: every upload Cataloged with its three stages and then Served, every
/// row curated once; the generated table holding exactly its rows, the service and bare DuckDB agreeing, the filter pruning.
/// </summary>
[Collection(RunningLakeCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class BenchSuiteTests(RunningLake lake, ITestOutputHelper output)
{
    [Fact]
    public async Task TheLatencyRunTimesEachUploadThroughItsStagesAndCountsItsRowsOnce()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await new LatencyRun(lake, Log).SequentialAsync(2, limit.Token);

        Assert.Equal(2, report.Uploads.Count);
        // Server-side stages in order. Not PutDone <= Validated: the S3 event is queued while the PUT is applied, so a
        // fast validation can be recorded before the PUT's answer reaches the client (seen: 32 ms before).
        Assert.All(report.Uploads, u => Assert.True(u.Validated <= u.Transformed && u.Transformed <= u.Cataloged && u.Cataloged <= u.Served, u.ToString()));
        Assert.Equal((2 * LatencyFiles.Rows, 2 * LatencyFiles.Rows, 0L, 0L), (report.RowsCurated, report.DistinctIds, report.RowsLost, report.RowsDoubled));
    }

    [Fact]
    public async Task TheBurstRunPutsEveryFileAtOnceAndFindsNothingLostOrDoubled()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await new LatencyRun(lake, Log).BurstAsync(4, limit.Token);

        Assert.Empty(report.NotCataloged);
        Assert.All(report.Uploads, u => Assert.True(u.Cataloged <= u.Served, u.ToString()));
        Assert.Equal((4 * LatencyFiles.Rows, 4 * LatencyFiles.Rows), (report.RowsCurated, report.DistinctIds));
        Assert.True(report.Clean);
    }

    [Fact]
    public async Task TheQueryRunTimesBothStatementsOnTheServiceAndOnBareDuckDbOverTheSameFilesWithTheSameResults()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await new QueryRun(lake, Log).RunAsync(50_000, 3, limit.Token);

        Assert.Equal((50_000L, GeneratedOrders.Days), (report.Table.Rows, report.Table.Partitions));
        Assert.Equal((report.Table.Rows, report.Table.Total), (report.RunRows, report.RunTotal));
        Assert.All([report.Pruned, report.Scan], s =>
        {
            Assert.True(s.Agree, $"{s.Name}: service {s.ServiceResult}, bare DuckDB {s.BareResult}, sandboxed {s.SandboxedResult}");
            Assert.Equal((3, 3, 3, 3), (s.HttpMs.Count, s.ServiceMs.Count, s.BareMs.Count, s.SandboxedMs.Count));
        });
        Assert.InRange(report.Pruned.FilesScanned, 1, report.Table.Files / 2);
        // The scan reads the whole table: the generated files and those of the uploads other tests made in this lake.
        Assert.Equal(report.CachedFiles, report.Scan.FilesScanned);
        Assert.True(report.Clean);
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
        }
        catch (InvalidOperationException)
        {
            // the test has ended
        }
    }
}
