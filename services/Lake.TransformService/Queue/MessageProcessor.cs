using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Configuration;
using Lake.Lambda;
using Lake.Lambda.Events;
using Lake.TransformService.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Queue;

/// <summary>
/// One message of the transform queue: S3 events of the clean bucket. Kept invisible while its uploads are worked
/// on, and deleted only once every output is durable and cataloged. A refusal (<see cref="UploadRefusedException"/>,
/// a body that is not an S3 event among them) cannot succeed later: the upload is recorded Failed, an alert goes out and
/// the message moves to the dead-letter queue at once. Any other failure returns the message to the queue after a
/// growing delay; on its last receive the upload is recorded Failed with an alert, and the queue's redrive moves the
/// message to the dead-letter queue on the next receive, so a poison message never loops.
/// </summary>
public sealed class MessageProcessor(
    IAmazonSQS sqs,
    UploadTransformer transformer,
    UploadReports reports,
    QueueAddresses addresses,
    IOptions<TransformOptions> options,
    IOptions<LakeOptions> lake,
    ILogger<MessageProcessor> logger)
{
    public async Task ProcessAsync(Message message, CancellationToken stopping)
    {
        var receiveCount = int.TryParse(message.Attributes?.GetValueOrDefault(MessageSystemAttributeName.ApproximateReceiveCount.Value), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var visibility = lake.Value.Queues.Transform.VisibilityTimeoutSeconds;
        string? key = null;
        try
        {
            await using (VisibilityHeartbeat.Start(sqs, addresses.QueueUrl, message, visibility, logger))
            {
                foreach (var (bucket, objectKey) in CreatedObjects(message))
                {
                    key = objectKey;
                    logger.LogInformation("Transforming {Key} (message {MessageId}, receive {ReceiveCount})", objectKey, message.MessageId, receiveCount);
                    await transformer.TransformAsync(bucket, objectKey, stopping);
                }
            }

            await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = addresses.QueueUrl, ReceiptHandle = message.ReceiptHandle }, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Stopping: message {MessageId} goes back to the queue", message.MessageId);
            await ReturnAsync(message, TimeSpan.Zero, CancellationToken.None);
        }
        catch (UploadRefusedException ex)
        {
            logger.LogError("Refused {Key} (message {MessageId}): {Reason}", key ?? "(no object)", message.MessageId, ex.Message);
            await ReportFailureAsync(message, key, ex.Message, receiveCount, stopping);
            await MoveToDeadLetterQueueAsync(message, ex.Message, stopping);
        }
        catch (Exception ex)
        {
            var final = receiveCount >= lake.Value.Queues.MaxReceiveCount;
            logger.LogError(ex, "Transforming {Key} failed on receive {ReceiveCount} of {MaxReceiveCount}{Final}: {Error}",
                key ?? "(no object)", receiveCount, lake.Value.Queues.MaxReceiveCount, final ? ", the last: giving up" : "", ex.Message);
            if (final)
            {
                await ReportFailureAsync(message, key, $"{ex.GetType().Name}: {ex.Message}", receiveCount, stopping);
            }

            await ReturnAsync(message, final ? TimeSpan.Zero : TimeSpan.FromSeconds(options.Value.RetryDelaySeconds * receiveCount), stopping);
        }
    }

    /// <summary>The clean objects the message's S3 event created; none for S3's test event.</summary>
    /// <exception cref="UploadRefusedException">The body is not an S3 event notification.</exception>
    private static IEnumerable<(string Bucket, string Key)> CreatedObjects(Message message)
    {
        S3Event? s3Event;
        try
        {
            s3Event = JsonSerializer.Deserialize(message.Body, LambdaJsonContext.Default.S3Event);
        }
        catch (JsonException ex)
        {
            throw new UploadRefusedException($"the message body is not an S3 event notification: {ex.Message}", ex);
        }

        if (s3Event is null || (!s3Event.IsTestEvent && s3Event.Records.Count == 0))
        {
            throw new UploadRefusedException("the message body is not an S3 event notification: it has no Records");
        }

        return [.. s3Event.CreatedObjects()];
    }

    private async Task ReportFailureAsync(Message message, string? key, string reason, int receiveCount, CancellationToken cancellationToken)
    {
        try
        {
            if (key is not null && CleanObject.TryParseKey(key, out var dataset, out var uploadId))
            {
                await reports.FailedAsync(dataset, uploadId, reason, receiveCount, cancellationToken);
            }
            else
            {
                await reports.UnreadableMessageAsync(message.MessageId, reason, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Could not record the failure of message {MessageId}: {Error}", message.MessageId, ex.Message);
        }
    }

    private async Task MoveToDeadLetterQueueAsync(Message message, string reason, CancellationToken cancellationToken)
    {
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = addresses.DeadLetterQueueUrl,
            MessageBody = message.Body,
            MessageAttributes = new() { ["lake-refused"] = new MessageAttributeValue { DataType = "String", StringValue = reason } },
        }, cancellationToken);
        await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = addresses.QueueUrl, ReceiptHandle = message.ReceiptHandle }, cancellationToken);
    }

    /// <summary>Makes the message visible again after <paramref name="delay"/> (it comes back on its own when that fails).</summary>
    public async Task ReturnAsync(Message message, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = addresses.QueueUrl,
                ReceiptHandle = message.ReceiptHandle,
                VisibilityTimeout = (int)Math.Min(delay.TotalSeconds, 43_200),
            }, limit.Token);
        }
        catch (Exception ex)
        {
            // It comes back anyway when its visibility timeout ends.
            logger.LogWarning("Could not return message {MessageId} to the queue early: {Error}", message.MessageId, ex.Message);
        }
    }
}
