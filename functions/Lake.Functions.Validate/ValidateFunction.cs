using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lake.Aws;
using Lake.Aws.Sns;
using Lake.Functions.Validate.Uploads;
using Lake.Lambda;
using Lake.Lambda.Context;
using Lake.Lambda.Events;

namespace Lake.Functions.Validate;

/// <summary>
/// The handler: SQS messages carrying S3 events of the raw bucket. A message whose object fails to process
/// (S3 down, a bug) is reported as a batch item failure, so only it returns to the queue; S3's test event
/// and events that are not ObjectCreated are acknowledged and skipped. A message failing on its last receive (the
/// queue's redrive policy moves it to the dead-letter queue next) raises a <c>message.dead-lettered</c> alert first,
/// so nothing sits in the dead-letter queue unannounced.
/// </summary>
public sealed class ValidateFunction(UploadValidator validator, SnsClient sns, string alertsTopicName, int maxReceiveCount)
{
    public const string DeadLetteredAlert = "message.dead-lettered";
    private const int BodyExcerpt = 500;

    /// <summary>
    /// Messages of a batch validated side by side: each mostly waits on S3 and DynamoDB, so in a burst one process
    /// working through a batch of ten one by one was the pipeline's slowest stage. A redelivered duplicate of a message
    /// may run beside it; every write derives from the upload id, so both write the same objects.
    /// </summary>
    private const int MessagesAtOnce = 4;

    public async Task<SQSBatchResponse> HandleAsync(SQSEvent batch, ILambdaContext context, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentBag<SQSBatchResponse.BatchItemFailure>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = MessagesAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batch.Records, options, async (message, token) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "failed";
            try
            {
                await HandleMessageAsync(message, token);
                outcome = "done";
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                ValidateTelemetry.FunctionErrors.Add(1, ValidateTelemetry.ValidateStage);
                Console.Error.WriteLine($"{{\"level\":\"error\",\"requestId\":\"{context.AwsRequestId}\",\"messageId\":\"{message.MessageId}\",\"error\":{JsonSerializer.Serialize(ex.Message)}}}");
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                if (ReceiveCount(message) >= maxReceiveCount)
                {
                    await AlertDeadLetteredAsync(message, ex.Message, token);
                }
            }
            finally
            {
                ValidateTelemetry.StageDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, ValidateTelemetry.ValidateStage, new("outcome", outcome));
            }
        });

        var response = new SQSBatchResponse();
        response.BatchItemFailures.AddRange(failures);
        return response;
    }

    private static int ReceiveCount(SQSEvent.SQSMessage message) =>
        int.TryParse(message.Attributes.GetValueOrDefault("ApproximateReceiveCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;

    private async Task AlertDeadLetteredAsync(SQSEvent.SQSMessage message, string reason, CancellationToken cancellationToken)
    {
        var alert = new JsonObject
        {
            ["type"] = DeadLetteredAlert,
            ["queue"] = message.EventSourceArn,
            ["messageId"] = message.MessageId,
            ["receiveCount"] = ReceiveCount(message),
            ["reason"] = reason,
            ["body"] = message.Body.Length <= BodyExcerpt ? message.Body : message.Body[..BodyExcerpt] + "...",
        };
        try
        {
            await sns.PublishAsync(new PublishRequest
            {
                TopicArn = AwsArn.Sibling(message.EventSourceArn, "sns", alertsTopicName),
                Subject = "Lake: a message on the validate queue failed its last try",
                Message = alert.ToJsonString(),
                MessageAttributes = { ["type"] = new MessageAttributeValue { StringValue = DeadLetteredAlert } },
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"{{\"level\":\"error\",\"messageId\":\"{message.MessageId}\",\"error\":{JsonSerializer.Serialize($"could not alert about the dead letter: {ex.Message}")}}}");
        }
    }

    private async Task HandleMessageAsync(SQSEvent.SQSMessage message, CancellationToken cancellationToken)
    {
        var s3Event = JsonSerializer.Deserialize(message.Body, LambdaJsonContext.Default.S3Event)
            ?? throw new JsonException("The message body is JSON null, not an S3 event.");
        foreach (var (bucket, key) in s3Event.CreatedObjects())
        {
            // The alerts topic lives in the same account and region as the queue that delivered the event.
            var stage = await validator.ProcessAsync(bucket, key, AwsArn.Sibling(message.EventSourceArn, "sns", alertsTopicName), cancellationToken);
            ValidateTelemetry.Files.Add(1, new KeyValuePair<string, object?>("outcome", stage switch
            {
                Lake.Uploads.UploadStage.Rejected => "rejected",
                Lake.Uploads.UploadStage.Validated => "accepted",
                _ => "already-done",
            }));
            Console.WriteLine($"{{\"level\":\"info\",\"key\":{JsonSerializer.Serialize(key)},\"stage\":\"{stage}\"}}");
        }
    }
}
