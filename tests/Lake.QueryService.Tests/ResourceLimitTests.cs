using System.Net;
using Xunit.Abstractions;

namespace Lake.QueryService.Tests;

/// <summary>
/// Queries that would take the service down (issue 14, defects 3 and 4): results stream, so the row cap and the
/// result budget stop a huge result early and memory stays near <c>Query:MemoryLimit</c>; slow statements cannot
/// take every connection, so a short one is answered while they run.
/// </summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ResourceLimitTests(ServedLake lake, ITestOutputHelper output)
{
    private const long MemoryLimitBytes = 256L << 20;

    /// <summary>What .NET, ASP.NET Core and DuckDB's code take besides DuckDB's buffers and one result.</summary>
    private const long ProcessOverheadBytes = 512L << 20;

    [Fact]
    public async Task AHugeResultIsRefusedByTheRowCapBeforeItIsBuiltAndMemoryStaysBounded()
    {
        await using var service = await StartAsync(new() { ["Query__TimeoutSeconds"] = "20" });

        var (status, problem) = await service.QueryAsync("SELECT * FROM range(1000000000)");
        var (wide, wideProblem) = await service.QueryAsync("SELECT repeat('x', 1000) AS padding FROM range(100000000)");

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{(int)status}: {problem}");
        Assert.Equal("too-many-rows", problem.GetProperty("code").GetString());
        Assert.True(wide == HttpStatusCode.RequestEntityTooLarge, $"{(int)wide}: {wideProblem}");
        AssertPeakMemoryBounded(service);
    }

    [Fact]
    public async Task AResultUnderTheRowCapButOverTheByteBudgetIsRefused()
    {
        await using var service = await StartAsync(new() { ["Query__TimeoutSeconds"] = "20", ["Query__MaxResultBytes"] = "16MB" });

        var (status, problem) = await service.QueryAsync("SELECT repeat('x', 100000) AS padding FROM range(1000)");
        var (small, body) = await service.QueryAsync("SELECT repeat('x', 1000) AS padding FROM range(1000)");

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{(int)status}: {problem}");
        Assert.Equal("result-too-large", problem.GetProperty("code").GetString());
        Assert.Contains("Query:MaxResultBytes", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, small);
        Assert.Equal(1000, body.GetProperty("rowCount").GetInt32());
        AssertPeakMemoryBounded(service);
    }

    [Fact]
    public async Task ASortLargerThanMemorySpillsAndTheSpillIsBounded()
    {
        await using var service = await StartAsync(new() { ["Query__TimeoutSeconds"] = "20", ["Query__MaxTempDirectorySize"] = "1MB" });

        var (status, problem) = await service.QueryAsync("SELECT range, repeat('x', 100) AS padding FROM range(5000000) ORDER BY padding, range DESC");

        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {problem}");
        Assert.Equal("out-of-memory", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(service.CacheDirectory, problem.ToString(), StringComparison.Ordinal);
        AssertPeakMemoryBounded(service);
    }

    [Fact]
    public async Task SlowStatementsOnEveryConnectionDoNotStarveAShortOne()
    {
        const int connections = 2;
        await using var service = await StartAsync(new()
        {
            ["Query__TimeoutSeconds"] = "40",
            ["Query__MaxConcurrentQueries"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        const string slow = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";
        await service.RowsAsync("SELECT 1 AS warm"); // the first query syncs the catalog: the slow ones then start in order

        // The delays are no assertion: they let each slow statement take a connection first, as users' would.
        var first = service.QueryAsync(slow);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var others = Enumerable.Range(1, connections - 1).Select(_ => service.QueryAsync(slow)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var answer = await service.RowsAsync("SELECT 1 AS one");

        Assert.Equal(1, answer[0][0].GetInt32());
        Assert.False(first.IsCompleted, "the first slow statement ended before the short one was answered");
        var (status, problem) = await first;
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {problem}");
        Assert.Equal("timeout", problem.GetProperty("code").GetString());
        Assert.All(await Task.WhenAll(others), o => Assert.Equal("short-lane-timeout", o.Body.GetProperty("code").GetString()));
    }

    private async Task<QueryServiceHost> StartAsync(Dictionary<string, string> settings)
    {
        settings["Query__MemoryLimit"] = $"{MemoryLimitBytes >> 20}MB";
        return await QueryServiceHost.StartAsync(lake.Emulator, lake.Lake, settings);
    }

    private void AssertPeakMemoryBounded(QueryServiceHost service)
    {
        var peak = service.PeakResidentBytes();
        output.WriteLine($"peak resident memory {peak >> 20} MiB (Query:MemoryLimit {MemoryLimitBytes >> 20} MiB)");
        Assert.True(peak < MemoryLimitBytes + ProcessOverheadBytes, $"peak resident memory {peak >> 20} MiB");
    }
}
