using System.Globalization;
using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>
/// The orders contract's serving table: once an upload is Cataloged its valid rows become items keyed by order id and
/// the upload's processing timestamp (Served in its history), as the AWS CLI reads them, and an upload done again
/// writes nothing twice.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ServingTableTests(EmulatorFixture emulator)
    : TransformServiceTest(emulator)
{
    private string Table => $"{Lake.TestLake.Options.ServingTablePrefix}orders";

    [Fact]
    public async Task ACleanUploadsValidRowsBecomeItemsWhoseValuesEqualTheCsv()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-03.csv");
        var records = CsvOracle.Read(csv);

        var id = await Lake.PutCleanAsync(csv);
        var status = await Lake.WaitForStageAsync(id, UploadStage.Served);

        var processedAt = status.Details["processedAt"];
        Assert.Equal((Table, records.Count.ToString(CultureInfo.InvariantCulture)), (status.Details["servingTable"], status.Details["servingItems"]));
        Assert.True(DateTimeOffset.TryParseExact(processedAt, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), processedAt);
        var items = (await ScanAsync()).ToDictionary(i => i.GetProperty("order_id").GetProperty("S").GetString()!);
        Assert.Equal(records.Count, items.Count);
        Assert.All(records, record =>
        {
            var item = items[record["order_id"]];
            Assert.Equal(processedAt, Text(item, "processed_at"));
            Assert.Equal(id.Value, Text(item, "upload_id"));
            foreach (var column in new[] { "order_date", "customer_id", "product_name", "currency" })
            {
                Assert.Equal(record[column], Text(item, column));
            }

            Assert.Equal(record["customer_name"] == "" ? null : record["customer_name"], item.TryGetProperty("customer_name", out var name) ? name.GetProperty("S").GetString() : null);
            foreach (var column in new[] { "quantity", "unit_price", "total" })
            {
                Assert.Equal(decimal.Parse(record[column], CultureInfo.InvariantCulture), decimal.Parse(item.GetProperty(column).GetProperty("N").GetString()!, CultureInfo.InvariantCulture));
            }
        });
    }

    [Fact]
    public async Task AnUploadStoppedBeforeServedIsDoneAgainAndWritesNothingTwice()
    {
        var csv = RepoPaths.OrdersSeed("invalid", "bad-rows.csv");
        var id = await Lake.PutCleanAsync(csv, "bad-rows.csv");
        var served = await Lake.WaitForStageAsync(id, UploadStage.Served);
        Assert.Equal("33", served.Details["servingItems"]);
        Assert.True(served.History.Single(h => h.Stage == UploadStage.Cataloged).At <= served.History.Single(h => h.Stage == UploadStage.Served).At);

        // As if the service had stopped after loading the items, before recording Served; then the event comes again.
        await Emulator.Cli.RunAsync("dynamodb", "delete-item", "--table-name", Lake.TestLake.Options.StatusTable,
            "--key", $$$"""{"UploadId": {"S": "{{{id}}}"}, "Sk": {"S": "STAGE#Served"}}""");
        Assert.DoesNotContain((await Lake.Status.GetAsync(id))!.History, h => h.Stage == UploadStage.Served);
        await Lake.PutCleanAsync(csv, "bad-rows.csv", again: id);
        var again = await Lake.WaitForStageAsync(id, UploadStage.Served);

        Assert.Contains(Lake.Service.Output, l => l.Contains($"Upload {id} (orders) is cataloged but not in its serving table; transforming it again", StringComparison.Ordinal));
        Assert.Equal((served.Details["processedAt"], "33"), (again.Details["processedAt"], again.Details["servingItems"]));
        var items = await ScanAsync();
        Assert.Equal(33, items.Count(i => Text(i, "upload_id") == id.Value));
        Assert.All(items.Where(i => Text(i, "upload_id") == id.Value), item => Assert.Equal(served.Details["processedAt"], Text(item, "processed_at")));
        Assert.Equal(items.Count, items.Select(i => Text(i, "order_id")).Distinct().Count());

        // Served now: the same event once more has nothing to do.
        await Lake.PutCleanAsync(csv, "bad-rows.csv", again: id);
        await Lake.Service.WaitForOutputAsync(l => l.Contains($"Upload {id} (orders) is already cataloged; nothing to do", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    /// <summary>Every item of the serving table, as <c>aws dynamodb scan</c> returns them (the CLI follows the pages).</summary>
    private async Task<List<JsonElement>> ScanAsync() =>
        [.. (await Emulator.Cli.RunAsync("dynamodb", "scan", "--table-name", Table))!.Value.GetProperty("Items").EnumerateArray()];

    private static string? Text(JsonElement item, string attribute) => item.GetProperty(attribute).GetProperty("S").GetString();
}
