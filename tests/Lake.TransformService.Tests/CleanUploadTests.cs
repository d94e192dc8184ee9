using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lake.Contracts;
using Lake.Testing;
using Lake.Transform.Tests;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>Clean uploads through the running service: curated partitions, quarantine, catalog, status, alerts.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class CleanUploadTests(EmulatorFixture emulator) : TransformServiceTest(emulator)
{
    private static readonly DatasetContract Orders = ContractLoader.LoadFile(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));

    [Fact]
    public async Task ACleanUploadBecomesCatalogedPartitionsWhoseValuesEqualTheCsv()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
        var records = CsvOracle.Read(csv);
        var days = records.GroupBy(r => r["order_date"]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var traceId = ActivityTraceId.CreateRandom();

        var id = await Lake.PutCleanAsync(csv, "January orders.csv", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var status = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);

        var rows = days.Sum(d => d.Count()).ToString(CultureInfo.InvariantCulture);
        Assert.Equal((rows, rows, "0", ""), (status.Details["rowsIn"], status.Details["rowsValid"], status.Details["rowsQuarantined"], status.Details["quarantineKey"]));
        Assert.Equal($"s3://{Curated}/orders/", status.Details["curatedPrefix"]);
        Assert.StartsWith($"{days.Count} partitions: order_date={days[0].Key},order_date={days[1].Key},", status.Details["partitions"]);
        Assert.Equal(traceId.ToHexString(), status.Details["traceId"]);
        Assert.Equal((days.Count.ToString(CultureInfo.InvariantCulture), "0"), (status.Details["partitionsCreated"], status.Details["partitionsExisting"]));
        Assert.Equal("January orders.csv", status.FileName);

        var keys = await Lake.DownloadAsync(Curated, "orders/", Lake.Files);
        Assert.Equal(days.Select(d => $"orders/order_date={d.Key}/part-{id}-0.parquet"), keys.Order(StringComparer.Ordinal));
        var curated = (await ParquetFiles.ReadPartitionedAsync(Path.Combine(Lake.Files, "orders"))).ToDictionary(r => (string)r["order_id"]!);
        Assert.Equal(records.Count, curated.Count);
        Assert.All(records, record =>
        {
            var row = curated[record["order_id"]];
            Assert.Equal(record["order_date"], row["order_date"]);
            Assert.Equal(ContractValues.Curated(Orders, record), row.Where(c => c.Key != "order_date").ToDictionary());
        });

        Assert.Contains($"_lake/keys/orders/{id}.parquet", await Lake.ListAsync(Curated, "_lake/"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Lake.WorkDirectories));
        Assert.Equal(0, await Lake.StopServiceAsync());
    }

    [Fact]
    public async Task TheCatalogDescribesTheTableAndItsPartitionsAsTheConventionSays()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-02.csv");
        var days = CsvOracle.Read(csv).Select(r => r["order_date"]).Distinct().Order(StringComparer.Ordinal).ToList();

        await Lake.WaitForStageAsync(await Lake.PutCleanAsync(csv), UploadStage.Cataloged);

        var table = await Lake.CatalogTableAsync();
        var storage = table.GetProperty("StorageDescriptor");
        Assert.Equal(
            ["order_id string", "customer_id string", "customer_name string", "product_name string", "quantity int", "unit_price decimal(12,2)", "currency string", "total decimal(14,2)"],
            storage.GetProperty("Columns").EnumerateArray().Select(c => $"{c.GetProperty("Name").GetString()} {c.GetProperty("Type").GetString()}"));
        Assert.Equal(["order_date date"], table.GetProperty("PartitionKeys").EnumerateArray().Select(c => $"{c.GetProperty("Name").GetString()} {c.GetProperty("Type").GetString()}"));
        Assert.Equal($"s3://{Curated}/orders/", storage.GetProperty("Location").GetString());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", storage.GetProperty("SerdeInfo").GetProperty("SerializationLibrary").GetString());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", storage.GetProperty("InputFormat").GetString());
        Assert.Equal("EXTERNAL_TABLE", table.GetProperty("TableType").GetString());
        var parameters = table.GetProperty("Parameters");
        Assert.Equal(("parquet", "ZSTD", "1", "orders"), (Text(parameters, "classification"), Text(parameters, "parquet.compression"), Text(parameters, "lake.contract.version"), Text(parameters, "lake.dataset")));

        var partitions = await Lake.CatalogPartitionsAsync();
        Assert.Equal(days, partitions.Keys);
        Assert.All(partitions, p => Assert.Equal($"s3://{Curated}/orders/order_date={p.Key}/", p.Value));
    }

    [Fact]
    public async Task BadRowsLandInTheQuarantineBucketWithTheirRulesAndTheThresholdAlertGoesOut()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(RepoPaths.OrdersSeed("invalid", "manifest.json")));
        var badRows = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == "bad-rows.csv").GetProperty("badRows").EnumerateArray()
            .Select(b => ((long)b.GetProperty("line").GetInt32(), b.GetProperty("rule").GetString()!)).ToList();
        var inbox = await AlertInbox.SubscribeAsync(Lake.TestLake);

        var id = await Lake.PutCleanAsync(RepoPaths.OrdersSeed("invalid", "bad-rows.csv"), "bad-rows.csv");
        var status = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);

        var quarantine = Lake.TestLake.Options.Buckets.Quarantine;
        Assert.Equal(("40", "33", "7"), (status.Details["rowsIn"], status.Details["rowsValid"], status.Details["rowsQuarantined"]));
        Assert.Equal($"s3://{quarantine}/orders/{id}.parquet", status.Details["quarantineKey"]);
        await Lake.DownloadAsync(quarantine, $"orders/{id}.parquet", Lake.Files);
        var rules = await ParquetFiles.QuarantinedRulesAsync(Path.Combine(Lake.Files, "orders", $"{id}.parquet"));
        Assert.Equal(badRows.Select(b => b.Item1), rules.Select(r => r.Item1).Distinct().Order());
        Assert.All(badRows, bad => Assert.Contains(bad, rules));

        var alert = await inbox.WaitForAsync("upload.quarantine-threshold", TimeSpan.FromSeconds(30));
        Assert.Equal(id.Value, alert.GetProperty("uploadId").GetString());
        Assert.Equal((40, 7, 0.05, 0.175), (alert.GetProperty("rowsIn").GetInt32(), alert.GetProperty("rowsQuarantined").GetInt32(),
            alert.GetProperty("threshold").GetDouble(), alert.GetProperty("quarantinedShare").GetDouble()));
        Assert.Equal(1, alert.GetProperty("rules").GetProperty("type").GetInt32());
    }

    private static string? Text(JsonElement parameters, string name) => parameters.GetProperty(name).GetString();
}
