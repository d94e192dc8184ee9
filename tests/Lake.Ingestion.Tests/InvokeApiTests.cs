using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Lambda;
using Lake.Lambda.Events;
using Lake.Testing;
using Lake.Uploads;

namespace Lake.Ingestion.Tests;

/// <summary>The AWS CLI invoking the real validate function through the Lambda emulator's Invoke API, as one would on AWS.</summary>
[Collection(IngestionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InvokeApiTests(IngestionFixture lake)
{
    [Fact]
    public async Task TheAwsCliInvokesTheFunctionWithAnSqsBatchAndItValidatesTheObject()
    {
        // A bucket without notifications, so only this invocation can have validated the object.
        var bucket = TestNames.Unique("manual");
        await lake.Aws.Cli.RunRawAsync("s3", "mb", $"s3://{bucket}");
        var id = UploadId.New();
        var key = $"orders/ingest_date=2024-01-31/{id}.csv";
        await lake.Aws.Cli.RunRawAsync("s3", "cp", Path.Combine(SeedFiles.Valid, "orders-2024-01.csv"), $"s3://{bucket}/{key}", "--only-show-errors");

        var response = await InvokeAsync(new SQSEvent { Records = [await MessageAsync("m-1", S3EventBody(bucket, key))] });

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal(UploadStage.Validated, (await lake.Status.GetAsync(id))!.Stage);
        Assert.NotNull(await lake.Aws.Cli.RunAsync("s3api", "head-object", "--bucket", lake.Lake.Options.Buckets.Clean, "--key", $"orders/{id}.csv"));
    }

    [Fact]
    public async Task OnlyTheMessageThatFailedIsReportedAsABatchItemFailure()
    {
        var response = await InvokeAsync(new SQSEvent
        {
            Records = [await MessageAsync("test-event", """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}"""), await MessageAsync("poison", "{ not json")],
        });

        var failure = Assert.Single(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("poison", failure.GetProperty("itemIdentifier").GetString());
    }

    private async Task<JsonElement> InvokeAsync(SQSEvent batch)
    {
        var payload = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(payload, JsonSerializer.Serialize(batch, LambdaJsonContext.Default.SQSEvent));
            var result = (await lake.LambdaCli.RunAsync("lambda", "invoke", "--function-name", "validate", "--payload", $"fileb://{payload}", output))!.Value;
            Assert.Equal(200, result.GetProperty("StatusCode").GetInt32());
            Assert.False(result.TryGetProperty("FunctionError", out var error), $"FunctionError {error}: {await File.ReadAllTextAsync(output)}");
            return JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.Clone();
        }
        finally
        {
            File.Delete(payload);
            File.Delete(output);
        }
    }

    /// <summary>A message as the validate queue's event source mapping would deliver it (its ARN names the region and account).</summary>
    private async Task<SQSEvent.SQSMessage> MessageAsync(string id, string body)
    {
        var sqs = lake.Lake.Clients.Sqs;
        var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = lake.Lake.Options.Queues.Validate.Name })).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] })).QueueARN;
        return new SQSEvent.SQSMessage { MessageId = id, ReceiptHandle = $"handle-{id}", Body = body, EventSourceArn = arn, AwsRegion = EmulatorFixture.Region };
    }

    private static string S3EventBody(string bucket, string key) => JsonSerializer.Serialize(new
    {
        Records = new[]
        {
            new
            {
                eventVersion = "2.1", eventSource = "aws:s3", awsRegion = EmulatorFixture.Region, eventName = "ObjectCreated:Put",
                s3 = new { bucket = new { name = bucket, arn = $"arn:aws:s3:::{bucket}" }, @object = new { key = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal), size = 1 } },
            },
        },
    });
}
