using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.IngestApi.Uploads;
using Lake.Testing;

namespace Lake.IngestApi.Tests;

[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class IngestApiTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private TestLake _lake = null!;
    private IngestApiFactory _factory = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _lake = new TestLake(emulator);
        await _lake.Provisioner.ProvisionAsync();
        _factory = new IngestApiFactory(_lake);
        _api = _factory.CreateClient();
        _api.DefaultRequestHeaders.Add("x-api-key", IngestApiFactory.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _factory.DisposeAsync();
        _lake.Dispose();
    }

    [Fact]
    public async Task AFilePutToItsPresignedUrlLandsInRawWithTheUploadsMetadata()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var content = "order_id,order_date,quantity\n1,2024-06-01,3\n"u8.ToArray();

        var created = await CreateAsync("orders", "june orders.csv", content.Length, traceparent: $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var put = IngestApiClient.PresignedPut(created.Url, created.Headers, content);

        using var raw = new HttpClient();
        var uploaded = await raw.SendAsync(put);

        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        Assert.Matches($"^orders/ingest_date=\\d{{4}}-\\d{{2}}-\\d{{2}}/{created.UploadId}\\.csv$", created.Key);
        var head = (await emulator.Cli.RunAsync("s3api", "head-object", "--bucket", _lake.Options.Buckets.Raw, "--key", created.Key))!.Value;
        var metadata = head.GetProperty("Metadata");
        Assert.Equal(created.UploadId, metadata.GetProperty("upload-id").GetString());
        Assert.Equal("june%20orders.csv", metadata.GetProperty("original-name").GetString());
        Assert.StartsWith($"00-{traceId}-", metadata.GetProperty("traceparent").GetString());
        Assert.Equal(content.Length, head.GetProperty("ContentLength").GetInt64());
        Assert.True(created.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task AnIssuedUploadIsRequestedInItsStatus()
    {
        var created = await CreateAsync("orders", "a.csv", 100);

        var status = await _api.GetFromJsonAsync<UploadStatusResponse>($"/v1/uploads/{created.UploadId}");

        Assert.Equal("Requested", status!.Stage);
        Assert.False(status.Final);
        Assert.Equal("a.csv", status.FileName);
        Assert.Equal(created.Key, status.Details["rawKey"]);
        Assert.Single(status.History);
    }

    [Theory]
    [InlineData("invoices", "a.csv", 10, "Unknown dataset 'invoices': known datasets are orders.")]
    [InlineData("orders", "a.csv", 0, "Size must be the file's length in bytes")]
    [InlineData("orders", "a.csv", 2_000_000, "the orders contract accepts at most 1,000,000")]
    [InlineData("orders", "../../etc/passwd", 10, "must be a plain file name")]
    [InlineData("orders", "nested/a.csv", 10, "must be a plain file name")]
    [InlineData("orders", "..", 10, "must be a plain file name")]
    [InlineData("orders", "a\u0000.csv", 10, "control characters")]
    [InlineData("orders", "", 10, "FileName is required")]
    public async Task ABadRequestIsRefusedWithASpecificMessage(string dataset, string fileName, long size, string message)
    {
        var response = await _api.PostAsJsonAsync("/v1/uploads", new CreateUploadRequest(dataset, fileName, size));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task WithoutAValidKeyEveryCallIs401(string? key)
    {
        using var anonymous = _factory.CreateClient();
        if (key is not null)
        {
            anonymous.DefaultRequestHeaders.Add("x-api-key", key);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/v1/uploads", new CreateUploadRequest("orders", "a.csv", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/datasets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/uploads/{new string('a', 32)}")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownOrMalformedUploadIdIsNotFoundOrBadRequest()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/v1/uploads/{new string('a', 32)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.GetAsync("/v1/uploads/not-an-id")).StatusCode);
    }

    [Fact]
    public async Task DatasetsAreListed()
    {
        var datasets = await _api.GetFromJsonAsync<JsonElement>("/v1/datasets");

        Assert.Equal("orders", datasets[0].GetProperty("name").GetString());
        Assert.Equal(1_000_000, datasets[0].GetProperty("maxBytes").GetInt64());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var document = await _api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/uploads", out var uploads));
        Assert.True(uploads.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/v1/uploads/{uploadId}", out _));
        Assert.True(paths.TryGetProperty("/v1/datasets", out _));
    }

    [Fact]
    public async Task TheUrlWritesItsKeyOnceASecondPutIsPreconditionFailed()
    {
        var first = "order_id,order_date,quantity\n1,2024-06-01,3\n"u8.ToArray();
        var created = await CreateAsync("orders", "a.csv", first.Length);
        Assert.Contains("if-none-match", created.Url.Query, StringComparison.OrdinalIgnoreCase);
        using var raw = new HttpClient();
        using (var put = IngestApiClient.PresignedPut(created.Url, created.Headers, first))
        {
            Assert.Equal(HttpStatusCode.OK, (await raw.SendAsync(put)).StatusCode);
        }

        var second = "order_id,order_date,quantity\n9,2024-06-09,9\n"u8.ToArray();
        using var again = IngestApiClient.PresignedPut(created.Url, created.Headers, second);
        var answer = await raw.SendAsync(again);

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.StatusCode);
        Assert.Contains("<Code>PreconditionFailed</Code>", await answer.Content.ReadAsStringAsync());
        Assert.Equal(first, await ReadRawAsync(created.Key));
    }

    [Theory]
    [InlineData("size")]
    [InlineData("content-type")]
    [InlineData("form-type")]
    [InlineData("if-none-match")]
    [InlineData("metadata")]
    [InlineData("key")]
    [InlineData("signature")]
    [InlineData("unsigned")]
    public async Task APutThatDiffersFromWhatWasSignedIsRefusedAndStoresNothing(string change)
    {
        var content = "order_id,order_date,quantity\n1,2024-06-01,3\n"u8.ToArray();
        var created = await CreateAsync("orders", "a.csv", content.Length);
        var headers = created.Headers.ToDictionary();
        var url = created.Url.ToString();
        switch (change)
        {
            case "size": content = [.. content, .. "2,2024-06-02,4\n"u8.ToArray()]; headers.Remove("Content-Length"); break;
            case "content-type": headers["Content-Type"] = "application/octet-stream"; break;
            case "form-type": headers["Content-Type"] = "application/x-www-form-urlencoded"; break;
            case "if-none-match": headers.Remove("If-None-Match"); break;
            case "metadata": headers["x-amz-meta-upload-id"] = new string('b', 32); break;
            case "key": url = url.Replace(created.UploadId, new string('c', 32), StringComparison.Ordinal); break;
            case "signature": url = Regex.Replace(url, "X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + new string('0', 64)); break;
            case "unsigned": url = url[..url.IndexOf('?', StringComparison.Ordinal)]; break;
        }

        using var raw = new HttpClient();
        using var put = IngestApiClient.PresignedPut(new Uri(url), headers, content);
        var answer = await raw.SendAsync(put);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(change == "unsigned" ? "<Code>AccessDenied</Code>" : "<Code>SignatureDoesNotMatch</Code>", await answer.Content.ReadAsStringAsync());
        var listed = await emulator.Cli.RunAsync("s3api", "list-objects-v2", "--bucket", _lake.Options.Buckets.Raw);
        Assert.False(listed?.TryGetProperty("Contents", out _) ?? false, $"the refused PUT stored {listed}");
    }

    [Fact]
    public async Task MalformedJsonIs400ProblemDetailsWithoutAStackTraceOrHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads") { Content = new StringContent("{\"dataset\": \"orders\", ", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Probe", "echo-me-not");

        var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("echo-me-not", body);
        Assert.DoesNotContain(IngestApiFactory.ApiKey, body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task WithoutAKeyTheBodyIsNotReadMalformedJsonIs401()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync("/v1/uploads", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<byte[]> ReadRawAsync(string key)
    {
        using var stored = await _lake.Clients.S3.GetObjectAsync(_lake.Options.Buckets.Raw, key);
        using var buffer = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<CreateUploadResponse> CreateAsync(string dataset, string fileName, long size, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/uploads") { Content = JsonContent.Create(new CreateUploadRequest(dataset, fileName, size)) };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        var response = await _api.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreateUploadResponse>())!;
    }
}
