using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using Lake.Contracts;
using Lake.Functions.IngestHttp.Fetching;
using Lake.Functions.IngestHttp.Runs;
using Lake.Lambda.Context;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Functions.IngestHttp.Tests;

/// <summary>
/// The handler against the real shop-api process and the emulator: the orders contract's HTTP source pointed at
/// shop-api (with faults asked for in its URL), outcomes read back from S3, the status table and the alerts topic.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class IngestHttpFunctionTests(EmulatorFixture emulator, ShopApiFixture shop) : IAsyncLifetime
{
    /// <summary>13:00 to 13:05: ten orders (one every 30 s), three pages of four.</summary>
    private static readonly DateTimeOffset Scheduled = new(2026, 12, 4, 13, 5, 0, TimeSpan.Zero);

    /// <summary>Spans are made as in the function, whose telemetry listens to every <c>Lake.*</c> source.</summary>
    private static readonly ActivityListener Listener = Listen();

    private TestLake _lake = null!;
    private AlertInbox _alerts = null!;

    public async Task InitializeAsync()
    {
        GC.KeepAlive(Listener);
        _lake = new TestLake(emulator);
        await _lake.Provisioner.ProvisionAsync();
        _alerts = await AlertInbox.SubscribeAsync(_lake);
    }

    public Task DisposeAsync()
    {
        _lake.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AWindowIsIngestedAsOneCsvFileOfItsOrdersWithTheMetadataOfAnUpload()
    {
        var result = await RunAsync("");

        Assert.Equal((IngestRunResult.Ingested, 10, 4), (result.Outcome, result.Records, result.Pages));
        Assert.Equal($"orders/ingest_date=2026-12-04/{result.UploadId}.csv", result.RawKey);
        var expected = await ShopOrdersAsync(Scheduled.AddMinutes(-5), Scheduled);
        var rows = await RawRowsAsync(result.RawKey);
        Assert.Equal(expected.Select(o => o.GetProperty("id").GetString()), rows.Select(r => r.Fields["order_id"]));
        var first = rows[0].Fields;
        var order = expected[0];
        Assert.Equal(order.GetProperty("date").GetString(), first["order_date"]);
        Assert.Equal(order.GetProperty("customer").GetProperty("id").GetString(), first["customer_id"]);
        Assert.Equal(order.GetProperty("customer").GetProperty("name").GetString() ?? "", first["customer_name"]);
        Assert.Equal(order.GetProperty("unit_price").GetRawText(), first["unit_price"]);
        Assert.Equal(order.GetProperty("total").GetRawText(), first["total"]);
        Assert.Equal(ContractLoader.LoadFile(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml")).Header, rows[0].Fields.Keys);

        var head = await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, result.RawKey);
        Assert.Equal(result.UploadId, head.Metadata[UploadMetadata.UploadId]);
        Assert.Equal("orders", head.Metadata[UploadMetadata.Dataset]);
        Assert.Equal("orders-20261204T130500Z.csv", UploadMetadata.ReadName(head.Metadata[UploadMetadata.OriginalName]));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", head.Metadata[UploadMetadata.TraceParent]);
        var status = await new UploadStatusStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable).GetAsync(UploadId.Parse(result.UploadId));
        Assert.Equal(UploadStage.Requested, status!.Stage);
        Assert.Equal(result.RawKey, status.Details["rawKey"]);
        Assert.Equal(head.Metadata[UploadMetadata.TraceParent].Split('-')[1], status.Details["traceId"]);
        Assert.Equal(("2026-12-04T13:00:00Z", "2026-12-04T13:05:00Z", "10"), (status.Details["windowStart"], status.Details["windowEnd"], status.Details["records"]));
        Assert.Equal([("2026-12-04T13:05:00Z", IngestRunResult.Ingested, 10, null)], await RunsAsync());
        Assert.Empty(await _alerts.ReceiveAsync());
    }

    [Fact]
    public async Task TheSameWindowIsNeverIngestedTwice()
    {
        var first = await RunAsync("");
        var etag = (await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, first.RawKey)).ETag;

        var again = await RunAsync("");

        Assert.Equal(IngestRunResult.AlreadyIngested, again.Outcome);
        Assert.Equal((first.UploadId, first.RawKey), (again.UploadId, again.RawKey));
        Assert.Equal(etag, (await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, first.RawKey)).ETag);
        var raw = await _lake.Clients.S3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _lake.Options.Buckets.Raw });
        Assert.Single(raw.S3Objects);
    }

    [Fact]
    public async Task AnApiThatKeepsAnswering500FailsTheRunAfterItsRetriesWithAnAlertAndWritesNothing()
    {
        var result = await RunAsync("&fault=http500");

        Assert.Equal(IngestRunResult.Failed, result.Outcome);
        Assert.Contains("HTTP 500", result.Reason, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", result.Reason, StringComparison.Ordinal);
        var alert = await _alerts.WaitForAsync(IngestRunner.FailedAlert, TimeSpan.FromSeconds(30));
        Assert.Equal(("orders", "2026-12-04T13:05:00Z", 3), (alert.GetProperty("dataset").GetString(), alert.GetProperty("scheduledTime").GetString(), alert.GetProperty("attempts").GetInt32()));
        Assert.Equal(result.Reason, alert.GetProperty("reason").GetString());
        await AssertNotInRawAsync(result);
        Assert.Equal([("2026-12-04T13:05:00Z", IngestRunResult.Failed, 0, result.Reason)], await RunsAsync());
    }

    [Fact]
    public async Task AFailedWindowIsIngestedWhenItRunsAgainAndTheApiIsBack()
    {
        Assert.Equal(IngestRunResult.Failed, (await RunAsync("&fault=http500")).Outcome);

        var again = await RunAsync("");

        Assert.Equal((IngestRunResult.Ingested, 10), (again.Outcome, again.Records));
        Assert.Equal([("2026-12-04T13:05:00Z", IngestRunResult.Ingested, 10, null)], await RunsAsync());
    }

    [Fact]
    public async Task TwoAnswers500ThenRecoveryAreRetriedWithBackoffAndTheWindowIsIngested()
    {
        var result = await RunAsync($"&fault=http500&times=2&key={Guid.NewGuid():N}");

        Assert.Equal((IngestRunResult.Ingested, 10), (result.Outcome, result.Records));
        Assert.Empty(await _alerts.ReceiveAsync());
    }

    [Fact]
    public async Task AnApiSlowerThanTheTimeoutFailsTheRunAfterItsRetries()
    {
        var result = await RunAsync("&fault=slow&delay_ms=20000", timeoutSeconds: 1);

        Assert.Equal(IngestRunResult.Failed, result.Outcome);
        Assert.Contains("no answer within 1 s, 3 attempt(s)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(result.Reason, (await _alerts.WaitForAsync(IngestRunner.FailedAlert, TimeSpan.FromSeconds(30))).GetProperty("reason").GetString());
        await AssertNotInRawAsync(result);
    }

    [Fact]
    public async Task OneSlowAnswerIsAbandonedAndAskedForAgain()
    {
        var result = await RunAsync($"&fault=slow&delay_ms=20000&times=1&key={Guid.NewGuid():N}", timeoutSeconds: 2);

        Assert.Equal((IngestRunResult.Ingested, 10), (result.Outcome, result.Records));
    }

    [Fact]
    public async Task MalformedJsonFailsTheRunAtOnceWithTheParsersMessage()
    {
        var result = await RunAsync("&fault=malformed");

        Assert.Equal(IngestRunResult.Failed, result.Outcome);
        Assert.StartsWith("page 1 is not valid JSON (", result.Reason, StringComparison.Ordinal);
        var alert = await _alerts.WaitForAsync(IngestRunner.FailedAlert, TimeSpan.FromSeconds(30));
        Assert.Equal(1, alert.GetProperty("attempts").GetInt32());
        await AssertNotInRawAsync(result);
    }

    [Fact]
    public async Task AnEmptyFirstPageIsAnEmptyWindowRecordedWithoutAFileOrAnAlert()
    {
        var result = await RunAsync("&fault=empty");

        Assert.Equal((IngestRunResult.Empty, 0, 1), (result.Outcome, result.Records, result.Pages));
        await AssertNotInRawAsync(result);
        Assert.Equal([("2026-12-04T13:05:00Z", IngestRunResult.Empty, 0, null)], await RunsAsync());
        Assert.Empty(await _alerts.ReceiveAsync());
    }

    [Fact]
    public async Task AnEventForADatasetWithoutASourceIsAFunctionError()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Function("").HandleAsync(
            new ScheduledIngestEvent { Dataset = "customers", ScheduledTime = Scheduled }, new TestContext(), CancellationToken.None));

        Assert.Contains("No dataset contract named 'customers' declares an HTTP source (datasets with one: orders)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventWithoutADatasetIsSkippedAndFetchesNothing()
    {
        var result = await Function("&fault=http500").HandleAsync(new ScheduledIngestEvent(), new TestContext(), CancellationToken.None);

        Assert.Equal(IngestRunResult.Skipped, result.Outcome);
        Assert.StartsWith("the event names no dataset", result.Reason, StringComparison.Ordinal);
        Assert.Empty(await _alerts.ReceiveAsync());
    }

    private Task<IngestRunResult> RunAsync(string query, int? timeoutSeconds = null) =>
        Function(query, timeoutSeconds).HandleAsync(new ScheduledIngestEvent { Dataset = "orders", ScheduledTime = Scheduled }, new TestContext(), CancellationToken.None);

    /// <summary>The function over the orders contract, its source pointed at shop-api with four orders a page.</summary>
    private IngestHttpFunction Function(string query, int? timeoutSeconds = null)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "orders.yaml"));
        if (timeoutSeconds is { } seconds)
        {
            yaml = yaml.Replace("    schedule: rate(5 minutes)\n", $"    schedule: rate(5 minutes)\n    timeoutSeconds: {seconds}\n", StringComparison.Ordinal);
        }

        var orders = ContractLoader.Parse(yaml, "orders.yaml");
        var url = new Uri(shop.BaseAddress, "/v1/orders?since={window.start}&until={window.end}&page_size=4" + query);
        var runner = new IngestRunner(
            _lake.Clients.S3, _lake.Clients.Sns, new UploadStatusStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable),
            new IngestRunStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable), new SourceReader(new PageFetcher(Http, TimeSpan.FromMilliseconds(100))),
            new Dictionary<string, DatasetContract> { ["orders"] = orders }, new Dictionary<string, Uri> { ["orders"] = url }, _lake.Options.Buckets.Raw);
        return new IngestHttpFunction(runner, _lake.Options.AlertsTopic, TimeProvider.System);
    }

    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>What shop-api answers for the window in one page: the oracle the ingested file is checked against.</summary>
    private async Task<List<JsonElement>> ShopOrdersAsync(DateTimeOffset since, DateTimeOffset until)
    {
        var url = new Uri(shop.BaseAddress, $"/v1/orders?since={SourceReader.Iso(since)}&until={SourceReader.Iso(until)}&page_size=1000");
        var page = await Http.GetFromJsonAsync<JsonElement>(url);
        return [.. page.GetProperty("orders").EnumerateArray()];
    }

    private async Task<IReadOnlyList<CsvRecord>> RawRowsAsync(string key)
    {
        var file = Path.GetTempFileName();
        try
        {
            using var response = await _lake.Clients.S3.GetObjectAsync(_lake.Options.Buckets.Raw, key);
            await response.WriteResponseStreamToFileAsync(file, append: false, CancellationToken.None);
            return CsvOracle.Read(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task AssertNotInRawAsync(IngestRunResult result)
    {
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, result.RawKey));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }

    private async Task<List<(string, string, int, string?)>> RunsAsync() =>
        [.. await new IngestRunStore(_lake.Clients.DynamoDb, _lake.Options.StatusTable).ListAsync("orders")];

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Lake.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private sealed class TestContext : ILambdaContext
    {
        public string AwsRequestId => "test-request";
        public string FunctionName => "ingest-http";
        public string FunctionVersion => "$LATEST";
        public string InvokedFunctionArn => $"arn:aws:lambda:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:function:ingest-http";
        public int MemoryLimitInMB => 512;
        public DateTimeOffset Deadline => DateTimeOffset.UtcNow.AddMinutes(1);
        public TimeSpan RemainingTime => TimeSpan.FromMinutes(1);
        public string? TraceId => null;
    }
}
