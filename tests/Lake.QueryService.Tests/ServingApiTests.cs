using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lake.QueryService.Tests;

/// <summary>
/// <c>GET /v1/serving/{table}/{key}</c> over the provisioned orders serving table, whose items the AWS CLI writes as
/// the transform would: typed values (decimals exact, as strings), every processing of the key in order, problem details.
/// </summary>
[Collection(ServedLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ServingApiTests(ServedLake lake)
{
    private string Table => $"{lake.Lake.Options.ServingTablePrefix}orders";

    [Fact]
    public async Task AKeyAnswersItsItemsTypedAndOldestProcessingFirst()
    {
        await PutAsync("ORD-SERVED-1", "2026-12-04T10:00:00.000Z", """ "quantity": {"N": "3"}, "unit_price": {"N": "12.50"}, "currency": {"S": "EUR"} """);
        await PutAsync("ORD-SERVED-1", "2026-12-01T09:00:00.000Z", """ "quantity": {"N": "2"} """);
        await PutAsync("ORD-SERVED-2", "2026-12-01T09:00:00.000Z", """ "quantity": {"N": "1"} """);

        using var response = await lake.Service.Http.GetAsync("/v1/serving/orders/ORD-SERVED-1");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((Table, "ORD-SERVED-1"), (body.GetProperty("table").GetString(), body.GetProperty("key").GetString()));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2026-12-01T09:00:00.000Z", "2026-12-04T10:00:00.000Z"], items.Select(i => i.GetProperty("processed_at").GetString()));
        Assert.Equal(JsonValueKind.Number, items[1].GetProperty("quantity").ValueKind);
        Assert.Equal(3, items[1].GetProperty("quantity").GetInt32());
        Assert.Equal("12.50", items[1].GetProperty("unit_price").GetString());
        Assert.Equal(("EUR", "ORD-SERVED-1", "u-test"), (items[1].GetProperty("currency").GetString(), items[1].GetProperty("order_id").GetString(), items[1].GetProperty("upload_id").GetString()));
    }

    [Theory]
    [InlineData("/v1/serving/orders/ORD-NOBODY", HttpStatusCode.NotFound, "item-not-found", "'orders' has no item with order_id 'ORD-NOBODY'.")]
    [InlineData("/v1/serving/uploads/x", HttpStatusCode.NotFound, "serving-table-not-found", "No contract declares a serving table 'uploads' (serving tables: orders).")]
    public async Task AnUnknownKeyOrTableIsAProblemNamingIt(string path, HttpStatusCode status, string code, string detail)
    {
        using var response = await lake.Service.Http.GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((code, detail), (body.GetProperty("code").GetString(), body.GetProperty("detail").GetString()));
    }

    private Task PutAsync(string orderId, string processedAt, string attributes) =>
        lake.Emulator.Cli.RunAsync("dynamodb", "put-item", "--table-name", Table, "--item",
            $$"""{"order_id": {"S": "{{orderId}}"}, "processed_at": {"S": "{{processedAt}}"}, "upload_id": {"S": "u-test"}, {{attributes}}}""");
}
