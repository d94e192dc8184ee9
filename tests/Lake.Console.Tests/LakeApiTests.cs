using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Console.Tests;

/// <summary>The JSON API of the console process over a real moto_server lake and a real query service, called with the key.</summary>
[Collection(ConsoleLake.CollectionName)]
[Trait("Category", "Integration")]
public sealed class LakeApiTests(ConsoleLake lake) : IDisposable
{
    private readonly HttpClient _http = lake.Console.WithKey();

    private UploadStatusStore Store => new(lake.Lake.Clients.DynamoDb, lake.Lake.Options.StatusTable);

    [Fact]
    public async Task AnUploadShowsItsStagesWithTimingsRowsTraceLinkAndObjects()
    {
        var id = UploadId.New();
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Requested, new Dictionary<string, string> { ["rawKey"] = $"orders/ingest_date=2024-06-01/{id}.csv", ["traceId"] = "0af7651916cd43dd8448eb211c80319c" });
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Validated, new Dictionary<string, string> { ["cleanKey"] = $"orders/{id}.csv", ["bytes"] = "120" });
        await Store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Transformed, new Dictionary<string, string> { ["rowsIn"] = "100", ["rowsValid"] = "98", ["rowsQuarantined"] = "2", ["quarantineKey"] = $"orders/{id}.parquet" });

        var upload = await _http.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}");
        var recent = await _http.GetFromJsonAsync<JsonElement>("/api/uploads");

        Assert.Equal(["Requested", "Validated", "Transformed"], upload.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(JsonValueKind.Null, upload.GetProperty("stages")[0].GetProperty("sincePreviousMs").ValueKind);
        Assert.True(upload.GetProperty("stages")[2].GetProperty("sinceStartMs").GetDouble() >= upload.GetProperty("stages")[1].GetProperty("sinceStartMs").GetDouble());
        Assert.Equal((100, 98, 2), (upload.GetProperty("rowsIn").GetInt64(), upload.GetProperty("rowsValid").GetInt64(), upload.GetProperty("rowsQuarantined").GetInt64()));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", upload.GetProperty("traceId").GetString());
        Assert.Equal("http://aspire-dashboard.test:18888/traces/detail/0af7651916cd43dd8448eb211c80319c", upload.GetProperty("traceUrl").GetString());
        Assert.Equal([$"/objects/raw/orders/ingest_date%3D2024-06-01/{id}.csv", $"/objects/clean/orders/{id}.csv", $"/objects/quarantine/orders/{id}.parquet"],
            upload.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("href").GetString()));
        Assert.Equal("Transformed", recent.EnumerateArray().Single(u => u.GetProperty("uploadId").GetString() == id.Value).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task AnUnknownOrMalformedUploadIdIsAProblem()
    {
        using var unknown = await _http.GetAsync($"/api/uploads/{UploadId.New()}");
        using var malformed = await _http.GetAsync("/api/uploads/..%2F..%2Fetc");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, malformed.StatusCode));
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Not an upload id", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnObjectIsServedAsPlainTextNeverAsAPage()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"reason\":\"<script>alert(1)</script>\"}");
        await lake.Emulator.Cli.RunAsync("s3api", "put-object", "--bucket", lake.Lake.Options.Buckets.Rejected, "--key", "orders/x.reason.json", "--body", file);
        File.Delete(file);

        using var response = await _http.GetAsync("/objects/rejected/orders/x.reason.json");
        using var missing = await _http.GetAsync("/objects/rejected/orders/none.json");
        using var otherZone = await _http.GetAsync("/objects/secrets/x");
        var listing = await _http.GetFromJsonAsync<JsonElement>("/objects/rejected/orders/");

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<script>", await response.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, otherZone.StatusCode));
        Assert.Contains(listing.EnumerateArray(), o => o.GetProperty("href").GetString() == "/objects/rejected/orders/x.reason.json");
    }

    [Fact]
    public async Task AnAlertPublishedToTheTopicReachesTheInboxOnceAndLeavesTheQueue()
    {
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{lake.Lake.Options.AlertsTopic}";
        var uploadId = UploadId.New().Value;

        await lake.Emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected: bad.csv",
            "--message", $"{{\"type\":\"upload.rejected\",\"uploadId\":\"{uploadId}\",\"dataset\":\"orders\",\"reason\":\"header\"}}");

        var alert = (await Eventually.GetAsync(async () =>
        {
            var alerts = await _http.GetFromJsonAsync<JsonElement>("/api/alerts");
            return alerts.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("uploadId").GetString() == uploadId).Select(a => (JsonElement?)a).FirstOrDefault();
        }, TimeSpan.FromSeconds(20), "the alert in the inbox"))!.Value;
        Assert.Equal(("upload.rejected", "orders", "Upload rejected: bad.csv"),
            (alert.GetProperty("type").GetString(), alert.GetProperty("dataset").GetString(), alert.GetProperty("subject").GetString()));
        Assert.Equal("header", alert.GetProperty("fields").GetProperty("reason").GetString());
        await Eventually.GetAsync(async () => await lake.DepthAsync(lake.Lake.Options.AlertsInbox) == 0 ? "" : null,
            TimeSpan.FromSeconds(10), "the inbox queue to be empty");
    }

    [Fact]
    public async Task ARedriveMovesEveryDeadLetterBackToItsWorkQueueExactlyOnce()
    {
        var o = lake.Lake.Options.Queues.Transform;
        var bodies = Enumerable.Range(1, 13).Select(i => $"{{\"poison\":{i}}}").ToArray();
        await lake.FillAsync(o.Name);
        await lake.FillAsync(o.DeadLetterQueueName, bodies);

        var before = (await _http.GetFromJsonAsync<JsonElement>("/api/dlq")).EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "transform");
        using var response = await _http.PostAsync("/api/dlq/transform/redrive", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(13, before.GetProperty("deadLetters").GetProperty("waiting").GetInt32());
        Assert.Equal(10, before.GetProperty("sample").GetArrayLength());
        Assert.Equal((13, 0), (result.GetProperty("moved").GetInt32(), result.GetProperty("failed").GetInt32()));
        Assert.Equal(bodies.Order(), (await DrainAsync(o.Name)).Order());
        Assert.Empty(await DrainAsync(o.DeadLetterQueueName));
    }

    [Fact]
    public async Task ThePipelineCountsUploadsPerStageQueueDepthsAndTheQueryServicesHealth()
    {
        var before = await _http.GetFromJsonAsync<JsonElement>("/api/pipeline");
        await Store.RecordStageAsync(UploadId.New(), "orders", "a.csv", UploadStage.Rejected);
        await Store.RecordStageAsync(UploadId.New(), "orders", "b.csv", UploadStage.Rejected);
        await Store.RecordStageAsync(UploadId.New(), "orders", "c.csv", UploadStage.Cataloged);
        await lake.FillAsync(lake.Lake.Options.Queues.Validate.DeadLetterQueueName, "poison");

        var after = await _http.GetFromJsonAsync<JsonElement>("/api/pipeline");

        Assert.Equal((2, 1, 0), (Stage(after, "Rejected") - Stage(before, "Rejected"), Stage(after, "Cataloged") - Stage(before, "Cataloged"),
            Stage(after, "Failed") - Stage(before, "Failed")));
        Assert.Equal(1, after.GetProperty("validateDeadLetters").GetProperty("waiting").GetInt32());
        Assert.Equal("Healthy", after.GetProperty("query").GetString());
        Assert.Equal(ConsoleProcess.DashboardUrl.ToString(), after.GetProperty("dashboardUrl").GetString());
        await lake.FillAsync(lake.Lake.Options.Queues.Validate.DeadLetterQueueName);
    }

    [Fact]
    public async Task AStatementRunsOnTheQueryServiceAndItsRefusalIsPassedOn()
    {
        using var answer = await _http.PostAsJsonAsync("/api/query", new { sql = "SELECT 42 AS answer" });
        using var refusal = await _http.PostAsJsonAsync("/api/query", new { sql = "COPY (SELECT 1) TO 'x.csv'" });
        var tables = await _http.GetFromJsonAsync<JsonElement>("/api/query/tables");
        var state = await _http.GetFromJsonAsync<JsonElement>("/api/query");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var result = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(42, result.GetProperty("rows")[0][0].GetInt32());
        Assert.Equal("answer", result.GetProperty("columns")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal("statement-not-allowed", (await refusal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Array, tables.ValueKind);
        Assert.Equal(("Healthy", lake.QueryUrl.ToString()), (state.GetProperty("state").GetString(), state.GetProperty("url").GetString()));
    }

    private static int Stage(JsonElement pipeline, string stage) => pipeline.GetProperty("stages").GetProperty(stage).GetInt32();

    /// <summary>Every message body on the queue, each deleted once received.</summary>
    private async Task<List<string>> DrainAsync(string queueName)
    {
        var url = await lake.QueueUrlAsync(queueName);
        var bodies = new List<string>();
        while (await lake.Emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10", "--wait-time-seconds", "1") is { } received
            && received.TryGetProperty("Messages", out var messages))
        {
            bodies.AddRange(messages.EnumerateArray().Select(m => m.GetProperty("Body").GetString()!));
            var entries = JsonSerializer.Serialize(messages.EnumerateArray().Select((m, i) => new { Id = $"m{i}", ReceiptHandle = m.GetProperty("ReceiptHandle").GetString() }));
            await lake.Emulator.Cli.RunAsync("sqs", "delete-message-batch", "--queue-url", url, "--entries", entries);
        }

        return bodies;
    }

    public void Dispose() => _http.Dispose();
}
