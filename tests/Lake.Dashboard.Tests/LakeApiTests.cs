using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lake.Dashboard.Resources;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Dashboard.Tests;

/// <summary>The JSON API over a real moto_server lake and a test double of the AppHost's resource feed.</summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class LakeApiTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(emulator);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ResourcesAreListedAsTheFeedReportsThem()
    {
        var resources = await _host.Http.GetFromJsonAsync<JsonElement>("/api/resources");

        Assert.Equal(["aws-emulator", "provisioner", "lambda-emulator", "validate", "ingest-api", "transform", "query"],
            resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(("Finished", "Unknown"), (resources[1].GetProperty("state").GetString(), resources[1].GetProperty("health").GetString()));
        Assert.Equal("http://127.0.0.1:4566/", resources[0].GetProperty("endpoints")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task ARestartIsAskedOfTheFeedAndARefusalIsAConflict()
    {
        using var accepted = await _host.Http.PostAsync("/api/resources/transform/restart", null);
        using var refused = await _host.Http.PostAsync("/api/resources/provisioner/restart", null);
        using var unknown = await _host.Http.PostAsync("/api/resources/nope/restart", null);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (accepted.StatusCode, refused.StatusCode, unknown.StatusCode));
        Assert.Equal(["transform", "provisioner"], _host.Feed.Restarted);
    }

    [Fact]
    public async Task ConsoleLinesAreFilteredAndPollingResumesAfterTheLastOneRead()
    {
        _host.Feed.Write("validate", "info: validated upload 1");
        _host.Feed.Write("transform", "warn: slow partition");
        _host.Feed.Write("validate", "fail: Upload 2 REJECTED", isError: true);

        var page = await _host.Http.GetFromJsonAsync<ConsolePage>("/api/console?filter=rejected");
        _host.Feed.Write("validate", "fail: upload 3 rejected");
        var next = await _host.Http.GetFromJsonAsync<ConsolePage>($"/api/console?filter=rejected&after={page!.Last}");

        var line = Assert.Single(page.Lines);
        Assert.Equal(("validate", true, 3L), (line.Resource, line.IsError, page.Last));
        Assert.Equal(["fail: upload 3 rejected"], next!.Lines.Select(l => l.Text));
        var transformOnly = await _host.Http.GetFromJsonAsync<ConsolePage>("/api/console?resource=transform");
        Assert.Equal(["warn: slow partition"], transformOnly!.Lines.Select(l => l.Text));
    }

    [Fact]
    public async Task AnUploadShowsItsStagesWithTimingsRowsTraceAndObjects()
    {
        var store = new UploadStatusStore(_host.Lake.Clients.DynamoDb, _host.Lake.Options.StatusTable);
        var id = UploadId.New();
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Requested, new Dictionary<string, string> { ["rawKey"] = $"orders/ingest_date=2024-06-01/{id}.csv", ["traceId"] = "0af7651916cd43dd8448eb211c80319c" });
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Validated, new Dictionary<string, string> { ["cleanKey"] = $"orders/{id}.csv", ["bytes"] = "120" });
        await store.RecordStageAsync(id, "orders", "june.csv", UploadStage.Transformed, new Dictionary<string, string> { ["rowsIn"] = "100", ["rowsValid"] = "98", ["rowsQuarantined"] = "2", ["quarantineKey"] = $"orders/{id}.parquet" });

        var upload = await _host.Http.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}");
        var recent = await _host.Http.GetFromJsonAsync<JsonElement>("/api/uploads");

        Assert.Equal(["Requested", "Validated", "Transformed"], upload.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(JsonValueKind.Null, upload.GetProperty("stages")[0].GetProperty("sincePreviousMs").ValueKind);
        Assert.True(upload.GetProperty("stages")[2].GetProperty("sinceStartMs").GetDouble() >= upload.GetProperty("stages")[1].GetProperty("sinceStartMs").GetDouble());
        Assert.Equal((100, 98, 2), (upload.GetProperty("rowsIn").GetInt64(), upload.GetProperty("rowsValid").GetInt64(), upload.GetProperty("rowsQuarantined").GetInt64()));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", upload.GetProperty("traceId").GetString());
        Assert.Equal([$"/objects/raw/orders/ingest_date%3D2024-06-01/{id}.csv", $"/objects/clean/orders/{id}.csv", $"/objects/quarantine/orders/{id}.parquet"],
            upload.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("href").GetString()));
        Assert.Equal("Transformed", recent.EnumerateArray().Single(u => u.GetProperty("uploadId").GetString() == id.Value).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task AnUnknownOrMalformedUploadIdIsSaidSo()
    {
        using var unknown = await _host.Http.GetAsync($"/api/uploads/{UploadId.New()}");
        using var malformed = await _host.Http.GetAsync("/api/uploads/..%2F..%2Fetc");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task AnObjectIsServedAsPlainTextNeverAsAPage()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"reason\":\"<script>alert(1)</script>\"}");
        await emulator.Cli.RunAsync("s3api", "put-object", "--bucket", _host.Lake.Options.Buckets.Rejected, "--key", "orders/x.reason.json", "--body", file);
        File.Delete(file);

        using var response = await _host.Http.GetAsync("/objects/rejected/orders/x.reason.json");
        using var missing = await _host.Http.GetAsync("/objects/rejected/orders/none.json");
        using var otherZone = await _host.Http.GetAsync("/objects/secrets/x");

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<script>", await response.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, otherZone.StatusCode));
    }

    [Fact]
    public async Task AnAlertPublishedToTheTopicReachesTheInboxOnceAndLeavesTheQueue()
    {
        var topic = $"arn:aws:sns:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:{_host.Lake.Options.AlertsTopic}";
        var uploadId = UploadId.New().Value;

        await emulator.Cli.RunAsync("sns", "publish", "--topic-arn", topic, "--subject", "Upload rejected: bad.csv",
            "--message", $"{{\"type\":\"upload.rejected\",\"uploadId\":\"{uploadId}\",\"dataset\":\"orders\",\"reason\":\"header\"}}");

        var alert = (await DashboardHost.EventuallyAsync(async () =>
        {
            var alerts = await _host.Http.GetFromJsonAsync<JsonElement>("/api/alerts");
            return alerts.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("uploadId").GetString() == uploadId).Select(a => (JsonElement?)a).FirstOrDefault();
        }, TimeSpan.FromSeconds(20), "the alert in the inbox"))!.Value;
        Assert.Equal(("upload.rejected", "orders", "Upload rejected: bad.csv"),
            (alert.GetProperty("type").GetString(), alert.GetProperty("dataset").GetString(), alert.GetProperty("subject").GetString()));
        Assert.Equal("header", alert.GetProperty("fields").GetProperty("reason").GetString());

        var inbox = (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", _host.Lake.Options.AlertsInbox))!.Value.GetProperty("QueueUrl").GetString()!;
        await DashboardHost.EventuallyAsync(async () =>
        {
            var attributes = (await emulator.Cli.RunAsync("sqs", "get-queue-attributes", "--queue-url", inbox, "--attribute-names", "All"))!.Value.GetProperty("Attributes");
            return attributes.GetProperty("ApproximateNumberOfMessages").GetString() == "0" && attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString() == "0" ? "" : null;
        }, TimeSpan.FromSeconds(10), "the inbox queue to be empty");
    }

    [Fact]
    public async Task ARedriveMovesEveryDeadLetterBackToItsWorkQueueExactlyOnce()
    {
        var o = _host.Lake.Options.Queues.Transform;
        var dlq = await QueueUrlAsync(o.DeadLetterQueueName);
        var work = await QueueUrlAsync(o.Name);
        await emulator.Cli.RunAsync("sqs", "purge-queue", "--queue-url", work);
        var bodies = Enumerable.Range(1, 13).Select(i => $"{{\"poison\":{i}}}").ToList();
        foreach (var body in bodies)
        {
            await emulator.Cli.RunAsync("sqs", "send-message", "--queue-url", dlq, "--message-body", body);
        }

        var before = (await _host.Http.GetFromJsonAsync<JsonElement>("/api/dlq")).EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "transform");
        using var response = await _host.Http.PostAsync("/api/dlq/transform/redrive", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(13, before.GetProperty("deadLetters").GetProperty("waiting").GetInt32());
        Assert.Equal(10, before.GetProperty("sample").GetArrayLength());
        Assert.Equal((13, 0), (result.GetProperty("moved").GetInt32(), result.GetProperty("failed").GetInt32()));
        Assert.Equal(bodies.Order(), (await DrainAsync(work)).Order());
        Assert.Empty(await DrainAsync(dlq));
    }

    [Fact]
    public async Task TheQueryConsoleIsFoundOnlyWhenTheQueryResourceRuns()
    {
        _host.Feed.Set(FakeResourceFeed.Resource("query", ResourceState.Running, http: new Uri("http://127.0.0.1:5123/")));
        var running = await _host.Http.GetFromJsonAsync<QueryConsoleView>("/api/query-console");
        _host.Feed.Set(FakeResourceFeed.Resource("query", ResourceState.Restarting, http: new Uri("http://127.0.0.1:5123/")));
        var restarting = await _host.Http.GetFromJsonAsync<QueryConsoleView>("/api/query-console");
        _host.Feed.Set();
        var absent = await _host.Http.GetFromJsonAsync<QueryConsoleView>("/api/query-console");

        Assert.Equal(new QueryConsoleView(true, "Running", "http://127.0.0.1:5123/"), running);
        Assert.Equal(new QueryConsoleView(false, "Restarting", null), restarting);
        Assert.Equal(new QueryConsoleView(false, "Absent", null), absent);
    }

    [Fact]
    public async Task ThePipelineCountsUploadsPerStageAndQueueDepths()
    {
        var store = new UploadStatusStore(_host.Lake.Clients.DynamoDb, _host.Lake.Options.StatusTable);
        await store.RecordStageAsync(UploadId.New(), "orders", "a.csv", UploadStage.Rejected);
        await store.RecordStageAsync(UploadId.New(), "orders", "b.csv", UploadStage.Rejected);
        await store.RecordStageAsync(UploadId.New(), "orders", "c.csv", UploadStage.Cataloged);
        var dlq = await QueueUrlAsync(_host.Lake.Options.Queues.Validate.DeadLetterQueueName);
        await emulator.Cli.RunAsync("sqs", "send-message", "--queue-url", dlq, "--message-body", "poison");

        var pipeline = await _host.Http.GetFromJsonAsync<JsonElement>("/api/pipeline");

        Assert.Equal((2, 1, 0), (pipeline.GetProperty("stages").GetProperty("Rejected").GetInt32(),
            pipeline.GetProperty("stages").GetProperty("Cataloged").GetInt32(), pipeline.GetProperty("stages").GetProperty("Failed").GetInt32()));
        Assert.Equal(1, pipeline.GetProperty("validateDeadLetters").GetProperty("waiting").GetInt32());
        Assert.Equal("Running", pipeline.GetProperty("query").GetString());
    }

    private async Task<string> QueueUrlAsync(string name) =>
        (await emulator.Cli.RunAsync("sqs", "get-queue-url", "--queue-name", name))!.Value.GetProperty("QueueUrl").GetString()!;

    /// <summary>Every message body on the queue, each deleted once received.</summary>
    private async Task<List<string>> DrainAsync(string url)
    {
        var bodies = new List<string>();
        while (await emulator.Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10", "--wait-time-seconds", "1") is { } received
            && received.TryGetProperty("Messages", out var messages))
        {
            foreach (var message in messages.EnumerateArray())
            {
                bodies.Add(message.GetProperty("Body").GetString()!);
                await emulator.Cli.RunAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
            }
        }

        return bodies;
    }
}
