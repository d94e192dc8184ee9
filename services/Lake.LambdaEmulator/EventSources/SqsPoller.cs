using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Lambda;
using Lake.Lambda.Events;
using Lake.LambdaEmulator.Functions;

namespace Lake.LambdaEmulator.EventSources;

/// <summary>
/// One poller of an SQS event source mapping: gathers a batch (batch size, batching window), invokes the
/// function, and deletes what succeeded. What failed stays on the queue and comes back after its
/// visibility timeout; the queue's redrive policy moves it to the DLQ after maxReceiveCount receives.
/// </summary>
internal sealed class SqsPoller(IAmazonSQS sqs, FunctionRuntime function, EventSourceMappingOptions mapping, string region, ILogger logger)
{
    private const int MaxLongPollSeconds = 20;

    public async Task RunAsync(CancellationToken stopping)
    {
        var (queueUrl, queueArn) = await ResolveQueueAsync(stopping);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var batch = await GatherBatchAsync(queueUrl, stopping);
                if (batch.Count > 0)
                {
                    await InvokeAsync(queueUrl, queueArn, batch, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                logger.LogWarning("{Function}: polling {Queue} failed, retrying: {Error}", function.Name, mapping.QueueName, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<(string Url, string Arn)> ResolveQueueAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = mapping.QueueName }, stopping)).QueueUrl;
                var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] }, stopping);
                return (url, attributes.QueueARN ?? $"arn:aws:sqs:{region}:unknown:{mapping.QueueName}");
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                // The provisioner may not have created it yet.
                logger.LogWarning("{Function}: queue {Queue} not available yet: {Error}", function.Name, mapping.QueueName, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
            }
        }
    }

    private async Task<List<Message>> GatherBatchAsync(string queueUrl, CancellationToken stopping)
    {
        var batch = new List<Message>();
        var window = TimeSpan.FromSeconds(mapping.MaximumBatchingWindowInSeconds);
        var windowEnds = DateTimeOffset.MaxValue;
        while (batch.Count < mapping.BatchSize)
        {
            // The first receive waits for anything; then, within the window, for more.
            var wait = batch.Count == 0 ? MaxLongPollSeconds : (int)Math.Clamp((windowEnds - DateTimeOffset.UtcNow).TotalSeconds, 0, MaxLongPollSeconds);
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Min(10, mapping.BatchSize - batch.Count),
                WaitTimeSeconds = wait,
                VisibilityTimeout = mapping.VisibilityTimeoutSeconds,
                MessageSystemAttributeNames = [MessageSystemAttributeName.All],
                MessageAttributeNames = ["All"],
            }, stopping);
            var messages = received.Messages ?? [];
            if (batch.Count == 0 && messages.Count > 0)
            {
                windowEnds = DateTimeOffset.UtcNow + window;
            }

            batch.AddRange(messages);
            if (batch.Count > 0 && DateTimeOffset.UtcNow >= windowEnds)
            {
                break;
            }
        }

        return batch;
    }

    private async Task InvokeAsync(string queueUrl, string queueArn, List<Message> batch, CancellationToken stopping)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(ToEvent(batch, queueArn), LambdaJsonContext.Default.SQSEvent);
        var result = await function.InvokeAsync(payload, traceId: null, stopping);
        if (result.IsError)
        {
            logger.LogWarning("{Function}: batch of {Count} from {Queue} failed ({ErrorType}); it returns to the queue", function.Name, batch.Count, mapping.QueueName, result.ErrorType);
            return;
        }

        var failed = mapping.ReportsBatchItemFailures ? FailedIds(result.Payload, batch) : [];
        var done = batch.Where(m => !failed.Contains(m.MessageId)).ToList();
        foreach (var chunk in done.Chunk(10))
        {
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = chunk.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle }).ToList(),
            }, CancellationToken.None);
        }

        if (failed.Count > 0)
        {
            logger.LogInformation("{Function}: {Failed} of {Count} messages from {Queue} reported failed; they return to the queue", function.Name, failed.Count, batch.Count, mapping.QueueName);
        }
    }

    /// <summary>
    /// The message ids the function reported failed. As in Lambda, a response that cannot be read, or
    /// names an id not in the batch, fails the whole batch.
    /// </summary>
    private HashSet<string> FailedIds(byte[] payload, List<Message> batch)
    {
        var all = batch.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        try
        {
            var response = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.SQSBatchResponse);
            var failed = response?.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal) ?? [];
            if (failed.All(all.Contains))
            {
                return failed;
            }
        }
        catch (JsonException)
        {
        }

        logger.LogWarning("{Function}: unreadable batchItemFailures response; the whole batch returns to the queue", function.Name);
        return all;
    }

    private SQSEvent ToEvent(List<Message> batch, string queueArn) => new()
    {
        Records = batch.Select(m => new SQSEvent.SQSMessage
        {
            MessageId = m.MessageId,
            ReceiptHandle = m.ReceiptHandle,
            Body = m.Body,
            Md5OfBody = m.MD5OfBody,
            Attributes = new Dictionary<string, string>(m.Attributes ?? []),
            MessageAttributes = (m.MessageAttributes ?? []).ToDictionary(
                a => a.Key, a => new SQSEvent.MessageAttribute { DataType = a.Value.DataType, StringValue = a.Value.StringValue }),
            EventSourceArn = queueArn,
            AwsRegion = region,
        }).ToList(),
    };
}
