using System.Globalization;
using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.TransformService.Tests;

/// <summary>
/// The orders contract's serving table: after a transform its valid rows are items keyed by order id and the upload's
/// processing timestamp, as the AWS CLI reads them, and a retried upload writes nothing twice. Retries wait a few
/// seconds here, so a test can put right what failed between two tries.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ServingTableTests(EmulatorFixture emulator)
    : TransformServiceTest(emulator, new Dictionary<string, string> { ["Transform__RetryDelaySeconds"] = "3" })
{
    private string Table => $"{Lake.TestLake.Options.ServingTablePrefix}orders";

    [Fact]
    public async Task ACleanUploadsValidRowsBecomeItemsWhoseValuesEqualTheCsv()
    {
        var csv = RepoPaths.OrdersSeed("valid", "orders-2024-03.csv");
        var records = CsvOracle.Read(csv);

        var id = await Lake.PutCleanAsync(csv);
        var status = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);

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
    public async Task AnUploadRetriedAfterItsItemsWereWrittenWritesNothingTwice()
    {
        // No alerts topic: the bad rows' threshold alert fails after the items are written, so the upload is tried again.
        var topicArn = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{Lake.TestLake.Options.AlertsTopic}";
        await Emulator.Cli.RunAsync("sns", "delete-topic", "--topic-arn", topicArn);

        var id = await Lake.PutCleanAsync(RepoPaths.OrdersSeed("invalid", "bad-rows.csv"), "bad-rows.csv");
        var transformed = await Lake.WaitForStageAsync(id, UploadStage.Transformed);
        Assert.Equal("33", transformed.Details["servingItems"]);
        await Lake.TestLake.Provisioner.ProvisionAsync();
        var cataloged = await Lake.WaitForStageAsync(id, UploadStage.Cataloged);

        Assert.True(Lake.Service.Output.Count(l => l.Contains($"Transforming orders/{id}.csv (message", StringComparison.Ordinal)) >= 2,
            string.Join('\n', Lake.Service.Output.TakeLast(30)));
        Assert.Equal(transformed.Details["processedAt"], cataloged.Details["processedAt"]);
        var items = await ScanAsync();
        Assert.Equal(33, items.Count);
        Assert.All(items, item => Assert.Equal(cataloged.Details["processedAt"], Text(item, "processed_at")));
        Assert.Equal(33, items.Select(i => Text(i, "order_id")).Distinct().Count());
    }

    /// <summary>Every item of the serving table, as <c>aws dynamodb scan</c> returns them (the CLI follows the pages).</summary>
    private async Task<List<JsonElement>> ScanAsync() =>
        [.. (await Emulator.Cli.RunAsync("dynamodb", "scan", "--table-name", Table))!.Value.GetProperty("Items").EnumerateArray()];

    private static string? Text(JsonElement item, string attribute) => item.GetProperty(attribute).GetProperty("S").GetString();
}
