using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Ingestion.Tests;

/// <summary>
/// Files put into the raw bucket with the AWS CLI, as a user would: S3 notifies the validate queue, the Lambda
/// emulator's event source mapping invokes the real validate function, outcomes read back with the CLI.
/// </summary>
[Collection(IngestionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ValidationPipelineTests(IngestionFixture lake)
{
    [Theory]
    [MemberData(nameof(SeedFiles.RejectedByValidation), MemberType = typeof(SeedFiles))]
    public async Task EveryInvalidSeedFileIsRejectedWithTheReasonItsManifestGivesAndAnAlert(string fileName)
    {
        var expected = SeedFiles.Manifest.Files.Single(f => f.File == fileName);
        var inbox = await AlertInbox.SubscribeAsync(lake.Lake);
        var id = UploadId.New();

        var path = SeedFiles.PathOf(expected);
        try
        {
            await PutRawAsync(path, id, fileName);
        }
        finally
        {
            if (!expected.Committed)
            {
                File.Delete(path);
            }
        }

        var status = await lake.ValidationOutcomeAsync(id);
        Assert.Equal(UploadStage.Rejected, status.Stage);
        Assert.Equal(fileName, status.FileName);
        Assert.Equal(expected.Check, status.Details["check"]);
        Assert.Equal(expected.Line.ToString(), status.Details["line"]);
        var reason = await ReadJsonAsync(lake.Lake.Options.Buckets.Rejected, $"orders/{id}.reason.json");
        Assert.Equal(expected.Check, reason.GetProperty("check").GetString());
        Assert.Equal(expected.Line, reason.GetProperty("line").GetInt64());
        Assert.Equal(status.Details["reason"], reason.GetProperty("detail").GetString());
        var alert = await inbox.WaitForAsync(a => a.GetProperty("uploadId").GetString() == id.Value, TimeSpan.FromSeconds(30));
        Assert.Equal(expected.Check, alert.GetProperty("check").GetString());
        Assert.Equal("orders", alert.GetProperty("dataset").GetString());
        await AssertObjectAsync(lake.Lake.Options.Buckets.Rejected, $"orders/{id}.csv");
        await AssertObjectAsync(lake.Lake.Options.Buckets.Raw, RawKey(id));
    }

    [Theory]
    [InlineData("valid/orders-2024-01.csv")]
    [InlineData("valid/orders-2024-02.csv")]
    [InlineData("valid/orders-2024-03.csv")]
    [InlineData("valid/orders-2024-04.csv")]
    [InlineData("invalid/bad-rows.csv")]
    public async Task ValidSeedFilesAndOneWithOnlyBadRowsReachTheCleanZoneWithTheirMetadata(string seedFile)
    {
        var id = UploadId.New();
        var fileName = Path.GetFileName(seedFile);

        await PutRawAsync(RepoPaths.OrdersSeed(seedFile), id, fileName);

        var status = await lake.ValidationOutcomeAsync(id);
        Assert.Equal(UploadStage.Validated, status.Stage);
        Assert.Equal($"orders/{id}.csv", status.Details["cleanKey"]);
        var clean = (await lake.Aws.Cli.RunAsync("s3api", "head-object", "--bucket", lake.Lake.Options.Buckets.Clean, "--key", $"orders/{id}.csv"))!.Value;
        Assert.Equal(fileName, clean.GetProperty("Metadata").GetProperty("original-name").GetString());
        Assert.Equal(new FileInfo(RepoPaths.OrdersSeed(seedFile)).Length, clean.GetProperty("ContentLength").GetInt64());
    }

    [Fact]
    public async Task APoisonMessageEndsInTheDeadLetterQueueAfterThreeReceivesInsteadOfLooping()
    {
        var sqs = lake.Lake.Clients.Sqs;
        var queue = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = lake.Lake.Options.Queues.Validate.Name })).QueueUrl;
        var dlq = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = lake.Lake.Options.Queues.Validate.DeadLetterQueueName })).QueueUrl;
        var poison = $"not an S3 event {Guid.NewGuid()}";
        var alerts = await AlertInbox.SubscribeAsync(lake.Lake);

        var messageId = (await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queue, MessageBody = poison })).MessageId;

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = dlq, WaitTimeSeconds = 2, MaxNumberOfMessages = 10, MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
            });
            if (received.Messages?.FirstOrDefault(m => m.Body == poison) is { } dead)
            {
                Assert.True(int.Parse(dead.Attributes["ApproximateReceiveCount"]) >= 3, $"received {dead.Attributes["ApproximateReceiveCount"]} times");
                // The function said why, for this message, on each receive; and before the last one went to the DLQ, it alerted.
                Assert.Equal(3, lake.LambdaEmulator.Output.Count(line => line.Contains("\"level\":\"error\"", StringComparison.Ordinal) && line.Contains($"\"messageId\":\"{messageId}\"", StringComparison.Ordinal)));
                var alert = await alerts.WaitForAsync("message.dead-lettered", TimeSpan.FromSeconds(30));
                Assert.Equal(messageId, alert.GetProperty("messageId").GetString());
                Assert.Equal(poison, alert.GetProperty("body").GetString());
                Assert.Equal(3, alert.GetProperty("receiveCount").GetInt32());
                return;
            }
        }

        Assert.Fail($"The poison message did not reach {lake.Lake.Options.Queues.Validate.DeadLetterQueueName} within 90 s.");
    }

    private static string RawKey(UploadId id) => $"orders/ingest_date=2024-05-01/{id}.csv";

    private Task PutRawAsync(string path, UploadId id, string originalName) =>
        lake.Aws.Cli.RunRawAsync("s3", "cp", path, $"s3://{lake.Lake.Options.Buckets.Raw}/{RawKey(id)}", "--metadata", $"original-name={originalName}", "--only-show-errors");

    private async Task<JsonElement> ReadJsonAsync(string bucket, string key)
    {
        var text = await lake.Aws.Cli.RunRawAsync("s3", "cp", $"s3://{bucket}/{key}", "-");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task AssertObjectAsync(string bucket, string key) =>
        Assert.NotNull(await lake.Aws.Cli.RunAsync("s3api", "head-object", "--bucket", bucket, "--key", key));
}
