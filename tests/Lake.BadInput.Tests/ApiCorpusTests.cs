using System.Net;
using System.Text;

namespace Lake.BadInput.Tests;

/// <summary>
/// Bad requests to the ingest API: each refused with its status and an RFC 7807 problem, never a stack trace or an
/// echo of the request's headers, and the API still serving afterwards.
/// </summary>
[Collection(BadInputCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiCorpusTests(BadInputLake lake)
{
    private const string Json = "application/json";

    /// <summary>Id, what is wrong, method, path, the key sent (null: none), content type, body, expected status.</summary>
    public static TheoryData<string, string, string, string, string?, string, string, int> Cases => new()
    {
        { "A01", "no API key", "POST", "/v1/uploads", null, Json, Body("orders", "a.csv", 10), 401 },
        { "A02", "a wrong API key", "POST", "/v1/uploads", "not-the-key-at-all", Json, Body("orders", "a.csv", 10), 401 },
        { "A03", "malformed JSON", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "{\"dataset\": \"orders\", ", 400 },
        { "A04", "an empty body", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "", 400 },
        { "A05", "a JSON array", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "[1, 2]", 400 },
        { "A06", "JSON null", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "null", 400 },
        { "A07", "a text/plain body", "POST", "/v1/uploads", BadInputLake.ApiKey, "text/plain", Body("orders", "a.csv", 10), 415 },
        { "A08", "an unknown dataset", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("customers", "a.csv", 10), 400 },
        { "A09", "a dataset name with a path", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("../orders", "a.csv", 10), 400 },
        { "A10", "size 0 (an empty file)", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "a.csv", 0), 400 },
        { "A11", "a negative size", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "a.csv", -5), 400 },
        { "A12", "a size above the contract's 100 MiB", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "a.csv", 200L * 1024 * 1024), 400 },
        { "A13", "a size that is not a number", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "{\"dataset\":\"orders\",\"fileName\":\"a.csv\",\"size\":\"ten\"}", 400 },
        { "A14", "no file name", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, "{\"dataset\":\"orders\",\"size\":10}", 400 },
        { "A15", "a file name with a path", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "../../etc/passwd", 10), 400 },
        { "A16", "a file name with a control character", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "a\u0001.csv", 10), 400 },
        { "A17", "a 300-character file name", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", new string('n', 296) + ".csv", 10), 400 },
        { "A18", "a 2 MB JSON body", "POST", "/v1/uploads", BadInputLake.ApiKey, Json, Body("orders", "a.csv", 10, pad: 2_000_000), 413 },
        { "A19", "a status request for something that is not an upload id", "GET", "/v1/uploads/..%2F..%2Fetc", BadInputLake.ApiKey, Json, "", 400 },
        { "A20", "a status request for an unknown upload", "GET", "/v1/uploads/fedcba9876543210fedcba9876543210", BadInputLake.ApiKey, Json, "", 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadRequestIsRefusedWithAProblemAndNoInternals(string id, string what, string method, string path, string? key, string contentType, string body, int status)
    {
        using var http = new HttpClient { BaseAddress = lake.IngestApi.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-probe", "echo-canary-4711");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == status, $"{id} ({what}): {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("echo-canary-4711", text, StringComparison.Ordinal);
        Assert.DoesNotContain(BadInputLake.ApiKey, text, StringComparison.Ordinal);

        using var datasets = new HttpRequestMessage(HttpMethod.Get, "/v1/datasets") { Headers = { { "x-api-key", BadInputLake.ApiKey } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(datasets)).StatusCode);
        lake.AssertAllRunning();
    }

    private static string Body(string dataset, string fileName, long size, int pad = 0) =>
        System.Text.Json.JsonSerializer.Serialize(new { dataset, fileName, size, padding = new string(' ', pad) });
}
