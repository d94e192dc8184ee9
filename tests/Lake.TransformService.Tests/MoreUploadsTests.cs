using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Lake.Testing;
using Lake.Transform.Tests;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>An upload seen again, and uploads that follow one another into the same table.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class MoreUploadsTests(EmulatorFixture emulator) : TransformServiceTest(emulator)
{
    [Fact]
    public async Task TheSameEventDeliveredAgainLeavesNoDuplicateRows()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-02.csv");
        var expected = CsvOracle.Read(csv).Select(r => r["order_id"]).Order(StringComparer.Ordinal).ToList();
        var id = await Lake.PutCleanAsync(csv);
        await Lake.WaitForStageAsync(id, UploadStage.Served); // cataloged but not yet served, an upload is done again
        var written = await Lake.ListAsync(Curated, "orders/");

        // Twice more once it is cataloged and served: nothing to do.
        await Lake.SendEventAsync($"orders/{id}.csv");
        await Lake.SendEventAsync($"orders/{id}.csv");
        await Lake.WaitForEmptyQueueAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(written, await Lake.ListAsync(Curated, "orders/"));
        Assert.Equal(expected, await CuratedOrderIdsAsync());
        Assert.Equal(2, Lake.Service.Output.Count(l => l.Contains($"Upload {id} (orders) is already cataloged", StringComparison.Ordinal)));

        // Again after a crash that lost its stage: converted again, rewriting the same objects, its own keys not taken.
        await ForgetStagesAsync(id);
        await Lake.SendEventAsync($"orders/{id}.csv");
        var again = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);
        Assert.Equal((expected.Count.ToString(CultureInfo.InvariantCulture), "0"), (again.Details["rowsValid"], again.Details["rowsQuarantined"]));
        Assert.Equal(written, await Lake.ListAsync(Curated, "orders/"));
        Assert.Equal(expected, await CuratedOrderIdsAsync());
    }

    [Fact]
    public async Task ASecondFileAddsPartitionsAndTheCatalogShowsThem()
    {
        var january = CsvOracle.Read(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv"));
        var february = CsvOracle.Read(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv"));
        await Lake.WaitForStageAsync(await Lake.PutCleanAsync(RepoPaths.OrdersSeed("valid", "orders-2024-01.csv")), UploadStage.Cataloged);
        Assert.Equal(Days(january), (await Lake.CatalogPartitionsAsync()).Keys);

        var second = await Lake.WaitForStageAsync(await Lake.PutCleanAsync(RepoPaths.OrdersSeed("valid", "orders-2024-02.csv")), UploadStage.Cataloged);

        Assert.Equal(Days(february).Count.ToString(CultureInfo.InvariantCulture), second.Details["partitionsCreated"]);
        Assert.Equal(Days(january).Concat(Days(february)), (await Lake.CatalogPartitionsAsync()).Keys);
    }

    [Fact]
    public async Task AKeyAnEarlierUploadHoldsIsQuarantinedAndANewRowJoinsAnExistingPartition()
    {
        var january = RepoPaths.OrdersSeed("valid", "orders-2024-01.csv");
        var lines = await File.ReadAllLinesAsync(january);
        var first = await Lake.PutCleanAsync(january);
        await Lake.WaitForStageAsync(first, UploadStage.Cataloged);
        var march = (await File.ReadAllLinesAsync(RepoPaths.OrdersSeed("valid", "orders-2024-03.csv")))[1];
        var newInJanuary = "ORD-20240101-99999999" + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..];
        var mixed = Seed.Write(Lake.Files, "mixed.csv", [lines[0], lines[1], lines[2], lines[3], march, newInJanuary]);

        var id = await Lake.PutCleanAsync(mixed);
        var status = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);

        Assert.Equal(("2", "3", "1", "1"), (status.Details["rowsValid"], status.Details["rowsQuarantined"], status.Details["partitionsCreated"], status.Details["partitionsExisting"]));
        var day = lines[1].Split(',')[1];
        Assert.Equal(
            new[] { $"orders/order_date={day}/part-{first}-0.parquet", $"orders/order_date={day}/part-{id}-0.parquet" }.Order(StringComparer.Ordinal),
            (await Lake.ListAsync(Curated, $"orders/order_date={day}/")).Order(StringComparer.Ordinal));
        Assert.Contains(march.Split(',')[1], (await Lake.CatalogPartitionsAsync()).Keys);
    }

    private static List<string> Days(IEnumerable<CsvRecord> records) => [.. records.Select(r => r["order_date"]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every order id in the curated zone, downloaded and read back, in order (duplicates kept).</summary>
    private async Task<List<string>> CuratedOrderIdsAsync()
    {
        var directory = Path.Combine(Lake.Files, Guid.NewGuid().ToString("N"));
        await Lake.DownloadAsync(Curated, "orders/", directory);
        return [.. (await ParquetFiles.ReadPartitionedAsync(Path.Combine(directory, "orders"))).Select(r => (string)r["order_id"]!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes the upload's status items, as if the service had crashed after writing its outputs.</summary>
    private async Task ForgetStagesAsync(UploadId id)
    {
        foreach (var sk in new[] { "STATUS", "STAGE#Transformed", "STAGE#Cataloged" })
        {
            await Lake.TestLake.Clients.DynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Lake.TestLake.Options.StatusTable,
                Key = new() { ["UploadId"] = new AttributeValue(id.Value), ["Sk"] = new AttributeValue(sk) },
            });
        }
    }
}
