using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Functions.Validate.FileChecks;
using Lake.Functions.Validate.Uploads;
using Lake.Lambda.Events;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Functions.Validate.Tests;

/// <summary>
/// The handler on real S3 events: files put in a provisioned raw bucket with the AWS CLI, their events taken
/// from the validate queue as the event source mapping would, outcomes read back with the CLI.
/// </summary>
[Collection(EmulatorFixture.CollectionName)]
[Trait("Category", "Integration")]
public sealed class ValidateFunctionTests(EmulatorFixture emulator) : IAsyncLifetime
{
    private const string Header = "order_id,order_date,quantity";
    private static readonly CsvFileRules OrderRules = new(["order_id", "order_date", "quantity"], MaxBytes: 10_000, MaxLineLength: 64);
    private TestLake _lake = null!;
    private AlertInbox _alerts = null!;

    public async Task InitializeAsync()
    {
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
    public async Task AValidFileIsCopiedToCleanWithItsMetadataAndRecordedValidated()
    {
        var id = UploadId.New();
        var key = $"orders/ingest_date=2024-06-01/{id}.csv";

        var response = await UploadAndValidateAsync(key, $"{Header}\n1,2024-06-01,3\n", originalName: "june orders.csv");

        Assert.Empty(response.BatchItemFailures);
        var clean = await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Clean, $"orders/{id}.csv");
        Assert.Equal("june orders.csv", clean.Metadata["original-name"]);
        var status = await Status().GetAsync(id);
        Assert.Equal(UploadStage.Validated, status!.Stage);
        Assert.Equal("june orders.csv", status.FileName);
        await AssertRawKeptAsync(key);
        Assert.Empty(await AlertsAsync());
    }

    [Theory]
    [InlineData("", FileCheck.NotEmpty)]
    [InlineData(Header + "\n", FileCheck.NotHeaderOnly)]
    [InlineData("order_id,day,quantity\n1,2024-06-01,3\n", FileCheck.HeaderMatches)]
    [InlineData("order_id;order_date;quantity\n1;2024-06-01;3\n", FileCheck.Delimiter)]
    [InlineData(Header + "\n1,2024-06-01,1111111111111111111111111111111111111111111111111111111111111111111\n", FileCheck.MaxLineLength)]
    public async Task AnInvalidFileIsRejectedWithItsReasonAndAnAlert(string content, FileCheck check)
    {
        var id = UploadId.New();
        var key = $"orders/ingest_date=2024-06-01/{id}.csv";

        await UploadAndValidateAsync(key, content);

        var reason = JsonDocument.Parse(await _lake.Clients.S3.GetObjectAsync(_lake.Options.Buckets.Rejected, $"orders/{id}.reason.json")
            .ContinueWith(t => new StreamReader(t.Result.ResponseStream).ReadToEnd())).RootElement;
        Assert.Equal(check.ToString(), reason.GetProperty("check").GetString());
        Assert.NotNull(await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Rejected, $"orders/{id}.csv"));
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal(id.Value, alert.GetProperty("uploadId").GetString());
        Assert.Equal("orders", alert.GetProperty("dataset").GetString());
        Assert.Equal(check.ToString(), alert.GetProperty("check").GetString());
        var status = await Status().GetAsync(id);
        Assert.Equal(UploadStage.Rejected, status!.Stage);
        Assert.Equal(reason.GetProperty("detail").GetString(), status.Details["reason"]);
        await AssertRawKeptAsync(key);
    }

    [Fact]
    public async Task AFileThatIsNotUtf8IsRejected()
    {
        var id = UploadId.New();
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n1,2024-06-01,3\nZoë,2024-06-01,4\n");

        await UploadAndValidateAsync($"orders/ingest_date=2024-06-01/{id}.csv", latin1);

        Assert.Equal("Utf8", (await Status().GetAsync(id))!.Details["check"]);
    }

    [Fact]
    public async Task AFileUnderAnUnknownDatasetIsRejectedNamingIt()
    {
        var id = UploadId.New();

        await UploadAndValidateAsync($"invoices/ingest_date=2024-06-01/{id}.csv", $"{Header}\n1,2024-06-01,3\n");

        var status = await Status().GetAsync(id);
        Assert.Equal(UploadStage.Rejected, status!.Stage);
        Assert.Contains("no dataset contract is named 'invoices'", status.Details["reason"]);
    }

    [Fact]
    public async Task AKeyWithSpacesAndPlusSignsPlacedByHandIsValidatedUnderADerivedUploadId()
    {
        var key = "orders/by hand/june+july orders.csv";

        var response = await UploadAndValidateAsync(key, $"{Header}\n1,2024-06-01,3\n");

        Assert.Empty(response.BatchItemFailures);
        var head = await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, key);
        var id = RawObjectKey.Parse(key, head.ETag).UploadId;
        Assert.Equal(UploadStage.Validated, (await Status().GetAsync(id))!.Stage);
        Assert.Equal("june+july orders.csv", (await Status().GetAsync(id))!.FileName);
    }

    [Fact]
    public async Task TheSameEventDeliveredTwiceHasItsEffectOnce()
    {
        var id = UploadId.New();
        var key = $"orders/ingest_date=2024-06-01/{id}.csv";
        var batch = await UploadAsync(key, Encoding.UTF8.GetBytes($"{Header}\n"), originalName: null);

        await Function().HandleAsync(batch, new TestContext(), CancellationToken.None);
        await Function().HandleAsync(batch, new TestContext(), CancellationToken.None);

        Assert.Single(await AlertsAsync());
        Assert.Single((await Status().GetAsync(id))!.History);
    }

    [Theory]
    [InlineData("no metadata", false)]
    [InlineData("another key", true)]
    public async Task AWriteToAPendingUploadsIdIsADirectWriteAndTakesNothingOver(string how, bool withMetadata)
    {
        var pending = UploadId.New();
        var issuedKey = $"orders/ingest_date=2024-06-01/{pending}.csv";
        var key = how == "another key" ? $"orders/ingest_date=2024-06-02/{pending}.csv" : issuedKey;
        await Status().RecordStageAsync(pending, "orders", "mine.csv", UploadStage.Requested, new Dictionary<string, string> { ["rawKey"] = issuedKey });

        var response = await UploadAndValidateAsync(key, $"{Header}\n666,2024-06-01,6\n", uploadId: withMetadata ? pending : null);

        Assert.Empty(response.BatchItemFailures);
        var mine = await Status().GetAsync(pending);
        Assert.Equal(UploadStage.Requested, mine!.Stage);
        Assert.Equal("mine.csv", mine.FileName);
        var head = await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, key);
        var direct = RawObjectKey.Direct(key, head.ETag).UploadId;
        Assert.NotEqual(pending, direct);
        Assert.Equal(UploadStage.Validated, (await Status().GetAsync(direct))!.Stage);
        Assert.NotNull(await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Clean, $"orders/{direct}.csv"));
        var clean = await _lake.Clients.S3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _lake.Options.Buckets.Clean });
        Assert.DoesNotContain(clean.S3Objects ?? [], o => o.Key.Contains(pending.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheObjectAPendingUploadWasIssuedForIsThatUpload()
    {
        var pending = UploadId.New();
        var key = $"orders/ingest_date=2024-06-01/{pending}.csv";
        await Status().RecordStageAsync(pending, "orders", "mine.csv", UploadStage.Requested, new Dictionary<string, string> { ["rawKey"] = key });

        await UploadAndValidateAsync(key, $"{Header}\n1,2024-06-01,3\n", uploadId: pending);

        var mine = await Status().GetAsync(pending);
        Assert.Equal(UploadStage.Validated, mine!.Stage);
        Assert.Equal($"orders/{pending}.csv", mine.Details["cleanKey"]);
    }

    private ValidateFunction Function() => new(
        new UploadValidator(_lake.Clients.S3, _lake.Clients.Sns, Status(), new FixedRules(), _lake.Options.Buckets),
        _lake.Clients.Sns, _lake.Options.AlertsTopic, _lake.Options.Queues.MaxReceiveCount);

    private UploadStatusStore Status() => new(_lake.Clients.DynamoDb, _lake.Options.StatusTable);

    private Task<SQSBatchResponse> UploadAndValidateAsync(string key, string content, string? originalName = null, UploadId? uploadId = null) =>
        UploadAndValidateAsync(key, Encoding.UTF8.GetBytes(content), originalName, uploadId);

    private async Task<SQSBatchResponse> UploadAndValidateAsync(string key, byte[] content, string? originalName = null, UploadId? uploadId = null)
    {
        var batch = await UploadAsync(key, content, originalName, uploadId);
        return await Function().HandleAsync(batch, new TestContext(), CancellationToken.None);
    }

    /// <summary>Puts the file with the AWS CLI and returns the SQS batch its S3 event produced.</summary>
    private async Task<SQSEvent> UploadAsync(string key, byte[] content, string? originalName, UploadId? uploadId = null)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, content);
        var pairs = new[] { originalName is null ? null : $"original-name={originalName}", uploadId is null ? null : $"upload-id={uploadId}" }.OfType<string>().ToArray();
        string[] metadata = pairs.Length == 0 ? [] : ["--metadata", string.Join(',', pairs)];
        await emulator.Cli.RunAsync(["s3api", "put-object", "--bucket", _lake.Options.Buckets.Raw, "--key", key, "--body", file, .. metadata]);
        File.Delete(file);
        return await NextEventAsync(key);
    }

    private async Task<SQSEvent> NextEventAsync(string key)
    {
        var queue = (await _lake.Clients.Sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = _lake.Options.Queues.Validate.Name })).QueueUrl;
        var arn = (await _lake.Clients.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queue, AttributeNames = [QueueAttributeName.QueueArn] })).QueueARN;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var received = await _lake.Clients.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, WaitTimeSeconds = 2, MaxNumberOfMessages = 10 });
            foreach (var message in received.Messages ?? [])
            {
                await _lake.Clients.Sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queue, ReceiptHandle = message.ReceiptHandle });
                if (message.Body.Contains(Uri.EscapeDataString(key.Split('/')[^1]).Replace("%20", "+"), StringComparison.Ordinal) || message.Body.Contains(key.Split('/')[^1], StringComparison.Ordinal))
                {
                    return new SQSEvent { Records = [new SQSEvent.SQSMessage { MessageId = message.MessageId, Body = message.Body, EventSourceArn = arn, ReceiptHandle = message.ReceiptHandle }] };
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"no S3 event for {key}");
    }

    private Task<IReadOnlyList<JsonElement>> AlertsAsync() => _alerts.ReceiveAsync();

    private async Task AssertRawKeptAsync(string key) =>
        Assert.NotNull(await _lake.Clients.S3.GetObjectMetadataAsync(_lake.Options.Buckets.Raw, key));

    private sealed class FixedRules : IDatasetRules
    {
        public CsvFileRules? Find(string dataset) => dataset == "orders" ? OrderRules : null;
    }

    private sealed class TestContext : Lake.Lambda.Context.ILambdaContext
    {
        public string AwsRequestId => "test-request";
        public string FunctionName => "validate";
        public string FunctionVersion => "$LATEST";
        public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:validate";
        public int MemoryLimitInMB => 512;
        public DateTimeOffset Deadline => DateTimeOffset.UtcNow.AddMinutes(1);
        public TimeSpan RemainingTime => TimeSpan.FromMinutes(1);
        public string? TraceId => null;
    }
}
