using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Lake.Console.Infrastructure;

/// <summary>How many messages a queue holds: waiting, and received but not yet deleted.</summary>
public sealed record QueueDepth(string Name, bool Exists, int Waiting, int InFlight);

/// <summary>A message as the console shows or acknowledges it.</summary>
/// <param name="ReceiveCount">How often it has been received (by its consumer, and by the console's looks).</param>
public sealed record QueueMessage(string MessageId, string Body, string ReceiptHandle, DateTimeOffset? SentAt, int ReceiveCount);

/// <summary>What moving one batch did: sent to the destination and deleted from the source, or refused and left there.</summary>
public sealed record MovedBatch(int Received, int Moved, int Refused);

/// <summary>
/// Every SQS call the console makes, in one place (the only file that knows the SQS client). Queue names are
/// resolved to URLs when first needed (the console may start before the lake is provisioned) and remembered once
/// found. Thread-safe.
/// </summary>
internal sealed class LakeQueues(IAmazonSQS sqs)
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>The queue's URL, or null while it does not exist.</summary>
    public async Task<string?> FindUrlAsync(string name, CancellationToken cancellationToken)
    {
        if (_urls.TryGetValue(name, out var known))
        {
            return known;
        }

        try
        {
            var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
            return _urls[name] = url;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
    }

    public async Task<QueueDepth> DepthAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindUrlAsync(name, cancellationToken) is not { } url)
        {
            return new QueueDepth(name, false, 0, 0);
        }

        var attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        }, cancellationToken)).Attributes ?? [];
        return new QueueDepth(name, true, Count(attributes, QueueAttributeName.ApproximateNumberOfMessages),
            Count(attributes, QueueAttributeName.ApproximateNumberOfMessagesNotVisible));
    }

    /// <summary>
    /// Receives up to <paramref name="max"/> messages (at most 10, SQS's limit) hidden for <paramref name="visibilitySeconds"/>
    /// (null: the queue's own timeout); 0 leaves them visible, a look that takes nothing.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string url, int max, int? visibilitySeconds, int waitSeconds, CancellationToken cancellationToken)
    {
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = Math.Clamp(max, 1, 10),
            VisibilityTimeout = visibilitySeconds,
            WaitTimeSeconds = waitSeconds,
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount, MessageSystemAttributeName.SentTimestamp],
        }, cancellationToken);
        return [.. (received.Messages ?? []).DistinctBy(m => m.MessageId).Select(View)];
    }

    /// <summary>Deletes received messages. Not cancelled: a message acknowledged by the caller must leave the queue.</summary>
    public async Task DeleteAsync(string url, IReadOnlyCollection<string> receiptHandles)
    {
        if (receiptHandles.Count > 0)
        {
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = url,
                Entries = [.. receiptHandles.Select((handle, i) => new DeleteMessageBatchRequestEntry { Id = Id(i), ReceiptHandle = handle })],
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages (at most 10) from one queue to another, bodies and attributes kept:
    /// receive (hidden for <paramref name="holdSeconds"/>), send, delete from the source only what was sent, and make
    /// what was refused visible there again at once. A message is never lost: it leaves the source only once the
    /// destination has it.
    /// </summary>
    public async Task<MovedBatch> MoveBatchAsync(string fromUrl, string toUrl, int max, int holdSeconds, CancellationToken cancellationToken)
    {
        var batch = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = fromUrl,
            MaxNumberOfMessages = Math.Clamp(max, 1, 10),
            VisibilityTimeout = holdSeconds,
            WaitTimeSeconds = 1,
            MessageAttributeNames = ["All"],
        }, cancellationToken)).Messages;
        if (batch is not { Count: > 0 })
        {
            return new MovedBatch(0, 0, 0);
        }

        var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = toUrl,
            Entries = [.. batch.Select((m, i) => new SendMessageBatchRequestEntry { Id = Id(i), MessageBody = m.Body, MessageAttributes = m.MessageAttributes })],
        }, cancellationToken);
        var sentIds = (response.Successful ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var sent = batch.Where((_, i) => sentIds.Contains(Id(i))).ToList();
        var refused = batch.Where((_, i) => !sentIds.Contains(Id(i))).ToList();

        // Once sent, a message must leave the source or it would be moved twice: DeleteAsync ignores cancellation.
        await DeleteAsync(fromUrl, [.. sent.Select(m => m.ReceiptHandle)]);
        foreach (var message in refused)
        {
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = fromUrl,
                ReceiptHandle = message.ReceiptHandle,
                VisibilityTimeout = 0,
            }, cancellationToken);
        }

        return new MovedBatch(batch.Count, sent.Count, refused.Count);
    }

    private static QueueMessage View(Message m) => new(
        m.MessageId,
        m.Body,
        m.ReceiptHandle,
        long.TryParse(m.Attributes?.GetValueOrDefault(MessageSystemAttributeName.SentTimestamp), out var sent) ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null,
        int.TryParse(m.Attributes?.GetValueOrDefault(MessageSystemAttributeName.ApproximateReceiveCount), out var count) ? count : 0);

    private static int Count(Dictionary<string, string> attributes, string name) =>
        int.TryParse(attributes.GetValueOrDefault(name), out var value) ? value : 0;

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);
}
