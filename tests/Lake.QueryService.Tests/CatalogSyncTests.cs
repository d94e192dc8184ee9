using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;

namespace Lake.QueryService.Tests;

/// <summary>Partitions written to the curated bucket and registered in Glue become tables the service queries.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class CatalogSyncTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private static readonly DateOnly June1 = new(2024, 6, 1);
    private TestLake _lake = null!;
    private CuratedOrders _curated = null!;

    public async Task InitializeAsync()
    {
        _lake = new TestLake(emulator);
        await _lake.Provisioner.ProvisionAsync();
        _curated = new CuratedOrders(_lake);
    }

    public Task DisposeAsync()
    {
        _lake.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisteredPartitionsAreQueryableWithTheRightValuesAndTypes()
    {
        var first = OrderRow.For(June1, 3);
        var second = OrderRow.For(June1.AddDays(1), 2, first: 10);
        await _curated.WriteAsync(first, "u1");
        await _curated.WriteAsync(second, "u2");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake);

        var (_, body) = await service.QueryAsync(
            $"SELECT order_id, order_date, customer_name, quantity, unit_price, total, currency FROM {Table} ORDER BY order_id");

        Assert.Equal(
            [("order_id", "VARCHAR"), ("order_date", "DATE"), ("customer_name", "VARCHAR"), ("quantity", "INTEGER"),
             ("unit_price", "DECIMAL(12,2)"), ("total", "DECIMAL(14,2)"), ("currency", "VARCHAR")],
            body.GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString())));
        var expected = first.Concat(second).OrderBy(r => r.OrderId, StringComparer.Ordinal).ToList();
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Count, body.GetProperty("rowCount").GetInt32());
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows[i];
            Assert.Equal(expected[i].OrderId, row[0].GetString());
            Assert.Equal(expected[i].Day, row[1].GetString());
            Assert.Equal(expected[i].CustomerName, row[2].ValueKind == JsonValueKind.Null ? null : row[2].GetString());
            Assert.Equal(expected[i].Quantity, row[3].GetInt32());
            Assert.Equal(expected[i].UnitPrice.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row[4].GetString());
            Assert.Equal(expected[i].Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row[5].GetString());
            Assert.Equal(expected[i].Currency, row[6].GetString());
        }
    }

    [Fact]
    public async Task NewPartitionsAndANewFileInAnExistingPartitionAreSeenAfterARefresh()
    {
        await _curated.WriteAsync(OrderRow.For(June1, 4), "u1");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake);
        Assert.Equal(4, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));

        await _curated.WriteAsync(OrderRow.For(June1.AddDays(1), 5), "u2");
        await _curated.WriteAsync(OrderRow.For(June1.AddDays(2), 6), "u2", n: 1);
        await _curated.WriteAsync(OrderRow.For(June1, 3, first: 100), "u3");
        var beforeRefresh = await service.ScalarAsync($"SELECT count(*) FROM {Table}");
        await service.RefreshAsync(CuratedOrders.Dataset);
        var counts = await service.RowsAsync($"SELECT order_date, count(*) FROM {Table} GROUP BY ALL ORDER BY 1");

        Assert.Equal(4, beforeRefresh);
        Assert.Equal(
            [("2024-06-01", 7L), ("2024-06-02", 5L), ("2024-06-03", 6L)],
            counts.EnumerateArray().Select(r => (r[0].GetString(), r[1].GetInt64())));
    }

    [Fact]
    public async Task WhenTheIntervalHasPassedTheNextQuerySyncsByItself()
    {
        await _curated.WriteAsync(OrderRow.For(June1, 2), "u1");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake, new Dictionary<string, string> { ["Query__RefreshIntervalSeconds"] = "0" });
        Assert.Equal(2, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));

        await _curated.WriteAsync(OrderRow.For(June1.AddDays(1), 3), "u2");
        await _curated.WriteAsync(OrderRow.For(June1, 1, first: 50), "u3");

        Assert.Equal(6, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task AnObjectRewrittenUnderTheSameKeyIsDownloadedAgainByItsETag()
    {
        await _curated.WriteAsync(OrderRow.For(June1, 2), "u1");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake);
        Assert.Equal(2, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));

        // A retried upload rewrites its own objects (DESIGN §5): same key, other bytes.
        await _curated.WriteAsync(OrderRow.For(June1, 9), "u1");
        await service.RefreshAsync(CuratedOrders.Dataset);

        Assert.Equal(9, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));
        var cached = Directory.GetFiles(service.CacheDirectory, "*.parquet", SearchOption.AllDirectories);
        Assert.Single(cached, path => !path.Contains(".spill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTablesEndpointsDescribeTheCatalogAndItsCachedFiles()
    {
        await _curated.WriteAsync(OrderRow.For(June1, 2), "u1");
        await _curated.WriteAsync(OrderRow.For(June1.AddDays(1), 2), "u2");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake);

        var list = await service.Http.GetFromJsonAsync<JsonElement>("/v1/tables");
        var detail = await service.Http.GetFromJsonAsync<JsonElement>($"/v1/tables/{CuratedOrders.Dataset}");
        using var missing = await service.Http.GetAsync("/v1/tables/nothing_here");

        var table = Assert.Single(list.EnumerateArray());
        Assert.Equal(Table, table.GetProperty("qualifiedName").GetString());
        Assert.Equal(_curated.TableLocation, table.GetProperty("location").GetString());
        Assert.Equal(2, table.GetProperty("partitionCount").GetInt32());
        Assert.Equal(2, table.GetProperty("fileCount").GetInt32());
        Assert.Equal("order_date", Assert.Single(table.GetProperty("partitionKeys").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("decimal(12,2)", table.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "unit_price").GetProperty("type").GetString());
        var partitions = detail.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(["2024-06-01", "2024-06-02"], partitions.Select(p => p.GetProperty("values")[0].GetString()).Order());
        Assert.Equal(CuratedOrders.Key("2024-06-01", "u1"), partitions.Single(p => p.GetProperty("values")[0].GetString() == "2024-06-01").GetProperty("files")[0].GetProperty("key").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task QueriesRunningDuringARefreshSeeTheOldTableOrTheNewOneNeverHalf()
    {
        await _curated.WriteAsync(OrderRow.For(June1, 10), "u1");
        await using var service = await QueryServiceHost.StartAsync(emulator, _lake);
        Assert.Equal(10, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));
        await _curated.WriteAsync(OrderRow.For(June1.AddDays(1), 20), "u2");
        await _curated.WriteAsync(OrderRow.For(June1.AddDays(2), 30), "u3");

        var queries = Enumerable.Range(0, 12).Select(_ => service.ScalarAsync($"SELECT count(*) FROM {Table}")).ToList();
        var refresh = service.RefreshAsync(CuratedOrders.Dataset);
        await refresh;
        var counts = await Task.WhenAll(queries);

        Assert.All(counts, count => Assert.Contains(count, new long[] { 10, 60 }));
        Assert.Equal(60, await service.ScalarAsync($"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task WithoutACatalogToReadQueriesGetA503SayingSo()
    {
        using var unprovisioned = new TestLake(emulator);
        await using var service = await QueryServiceHost.StartAsync(emulator, unprovisioned);

        var (status, problem) = await service.QueryAsync("SELECT 1");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("catalog-unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("EntityNotFoundException", problem.GetProperty("detail").GetString());
    }

    private string Table => $"{_lake.Options.GlueDatabase}.{CuratedOrders.Dataset}";
}
