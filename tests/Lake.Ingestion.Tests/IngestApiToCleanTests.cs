using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;

namespace Lake.Ingestion.Tests;

/// <summary>A client's whole path: ask the ingest API for an upload URL, PUT the file, follow its status to clean.</summary>
[Collection(IngestionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IngestApiToCleanTests(IngestionFixture lake)
{
    [Fact]
    public async Task AnUploadThroughTheIngestApiIsValidatedAndItsStatusAndTraceFollowIt()
    {
        using var api = new HttpClient { BaseAddress = lake.IngestApi.BaseAddress };
        api.DefaultRequestHeaders.Add("x-api-key", IngestionFixture.ApiKey);
        var file = await File.ReadAllBytesAsync(Path.Combine(SeedFiles.Valid, "orders-2024-02.csv"));
        var traceId = ActivityTraceId.CreateRandom();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads")
        {
            Content = JsonContent.Create(new { dataset = "orders", fileName = "february.csv", size = file.Length }),
        };
        create.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var created = await (await api.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var put = IngestApiClient.PresignedPut(new Uri(created.GetProperty("url").GetString()!),
            created.GetProperty("headers").EnumerateObject().Select(h => KeyValuePair.Create(h.Name, h.Value.GetString()!)), file);

        using var s3 = new HttpClient();
        (await s3.SendAsync(put)).EnsureSuccessStatusCode();

        var id = Uploads.UploadId.Parse(created.GetProperty("uploadId").GetString()!);
        await lake.ValidationOutcomeAsync(id);
        var status = await api.GetFromJsonAsync<JsonElement>($"/v1/uploads/{id}");
        Assert.Equal("Validated", status.GetProperty("stage").GetString());
        Assert.Equal("february.csv", status.GetProperty("fileName").GetString());
        Assert.Equal(["Requested", "Validated"], status.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(traceId.ToHexString(), status.GetProperty("details").GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task TheDatasetsComeFromTheShippedContracts()
    {
        using var api = new HttpClient { BaseAddress = lake.IngestApi.BaseAddress };
        api.DefaultRequestHeaders.Add("x-api-key", IngestionFixture.ApiKey);

        var datasets = await api.GetFromJsonAsync<JsonElement>("/v1/datasets");

        var orders = Assert.Single(datasets.EnumerateArray());
        Assert.Equal("orders", orders.GetProperty("name").GetString());
        Assert.Equal(100L * 1024 * 1024, orders.GetProperty("maxBytes").GetInt64());
        Assert.Equal("total", orders.GetProperty("columns").EnumerateArray().Last().GetString());
    }
}
