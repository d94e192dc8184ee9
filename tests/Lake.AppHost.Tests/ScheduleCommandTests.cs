using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Lake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.AppHost.Tests;

/// <summary>
/// The scheduler's "Run now" command, run as the dashboard runs it (Aspire's ResourceCommandService): ingest-http
/// pulls the window from shop-api, and the pipeline takes the file to queryable Parquet.
/// </summary>
[Collection(AppHostCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class ScheduleCommandTests(AppHostLake lake)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task RunNowIngestsTheShopsOrdersOfItsWindowIntoQueryableRows()
    {
        using (var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await lake.Notifications.WaitForResourceHealthyAsync("scheduler", healthy.Token);
        }

        var commands = lake.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("scheduler", "run-now");

        Assert.True(result.Success, result.Message);
        var run = JsonDocument.Parse(result.Message!).RootElement;
        var detail = JsonDocument.Parse(run.GetProperty("detail").GetString()!).RootElement;
        Assert.Equal("ingested", detail.GetProperty("outcome").GetString());
        var uploadId = detail.GetProperty("uploadId").GetString()!;

        using var ingest = new IngestApiClient(lake.Url("ingest-api"), lake.IngestApiKey);
        var status = await ingest.WaitForStageAsync(uploadId, TimeSpan.FromMinutes(5), "Cataloged", "Rejected", "Failed");
        Assert.True(status.GetProperty("stage").GetString() == "Cataloged", status.ToString());

        // The same window asked of shop-api directly, page by page, is what the lake now answers for those orders.
        var expected = await ShopOrdersAsync(detail.GetProperty("windowStart").GetString()!, detail.GetProperty("scheduledTime").GetString()!);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, detail.GetProperty("records").GetInt32());
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), status.GetProperty("details").GetProperty("rowsValid").GetString());
        var ids = string.Join(", ", expected.Select(o => $"'{o.Id}'"));
        await lake.RefreshTableAsync("orders");
        var rows = (await lake.QueryRowsAsync(
            "SELECT order_id, strftime(order_date, '%Y-%m-%d'), customer_id, customer_name, product_name, quantity, unit_price, currency, total " +
            $"FROM {lake.Options.GlueDatabase}.orders WHERE order_id IN ({ids}) ORDER BY order_id")).EnumerateArray().Select(r => r.EnumerateArray().ToArray());
        Assert.Equal(expected.OrderBy(o => o.Id, StringComparer.Ordinal), rows.Select(r => new Order(
            r[0].GetString()!, r[1].GetString()!, r[2].GetString()!, Name(r[3]), r[4].GetString()!,
            Number(r[5]), Number(r[6]), r[7].GetString()!, Number(r[8]))));
    }

    private sealed record Order(string Id, string Date, string CustomerId, string? CustomerName, string Product, decimal Quantity, decimal UnitPrice, string Currency, decimal Total);

    /// <summary>shop-api's orders placed in [since, until), every page (a page past the last is empty).</summary>
    private async Task<List<Order>> ShopOrdersAsync(string since, string until)
    {
        var orders = new List<Order>();
        for (var page = 1; ; page++)
        {
            var url = new Uri(lake.Url("shop-api"), $"/v1/orders?since={Uri.EscapeDataString(since)}&until={Uri.EscapeDataString(until)}&page={page}&page_size=100");
            var body = await Http.GetFromJsonAsync<JsonElement>(url);
            var found = body.GetProperty("orders").EnumerateArray().Select(o => new Order(
                o.GetProperty("id").GetString()!, o.GetProperty("date").GetString()!,
                o.GetProperty("customer").GetProperty("id").GetString()!,
                o.GetProperty("customer").TryGetProperty("name", out var name) ? Name(name) : null,
                o.GetProperty("product").GetString()!, Number(o.GetProperty("quantity")), Number(o.GetProperty("unit_price")),
                o.GetProperty("currency").GetString()!, Number(o.GetProperty("total")))).ToList();
            if (found.Count == 0)
            {
                return orders;
            }

            orders.AddRange(found);
        }
    }

    /// <summary>A customer's name; an anonymous customer's is null (the API may write null or "", the CSV file has "").</summary>
    private static string? Name(JsonElement value) => value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name ? name : null;

    /// <summary>A number as JSON writes it, or as text (the query service writes decimals as strings).</summary>
    private static decimal Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDecimal();
}
