using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Configuration;
using Lake.Dashboard.Aws;

namespace Lake.Dashboard.DeadLetters;

/// <summary>A message waiting in a dead-letter queue.</summary>
/// <param name="ReceiveCount">How often it has been received, by its consumer and by this dashboard's looks.</param>
public sealed record DeadLetter(string MessageId, string Body, DateTimeOffset? SentAt, int ReceiveCount);

/// <summary>A work queue and its dead-letter queue, by the short name URLs use (<c>validate</c>, <c>transform</c>).</summary>
public sealed record DeadLetterQueueView(string Queue, QueueDepth Source, QueueDepth DeadLetters, IReadOnlyList<DeadLetter> Sample);

/// <summary>The lake's dead-letter queues: depths, a look at their messages, and the work queue each redrives to.</summary>
internal sealed class DeadLetterQueues(QueueDirectory queues, DashboardOptions options)
{
    /// <summary>SQS hands out at most 10 messages a receive; a look shows that many.</summary>
    public const int SampleSize = 10;

    public IReadOnlyList<string> Names => ["validate", "transform"];

    public WorkQueue? Find(string queue) => queue switch
    {
        "validate" => options.Lake.Queues.Validate,
        "transform" => options.Lake.Queues.Transform,
        _ => null,
    };

    public async Task<DeadLetterQueueView> DescribeAsync(string queue, WorkQueue work, bool withSample, CancellationToken cancellationToken)
    {
        var source = await queues.DepthAsync(work.Name, cancellationToken);
        var dead = await queues.DepthAsync(work.DeadLetterQueueName, cancellationToken);
        var sample = withSample && dead.Waiting > 0 ? await PeekAsync(work.DeadLetterQueueName, cancellationToken) : [];
        return new DeadLetterQueueView(queue, source, dead, sample);
    }

    /// <summary>
    /// Up to <see cref="SampleSize"/> messages, left where they are: received with a visibility timeout of 0, so
    /// they stay visible to a redrive (a dead-letter queue has no redrive policy of its own for the looks to trip).
    /// </summary>
    private async Task<IReadOnlyList<DeadLetter>> PeekAsync(string name, CancellationToken cancellationToken)
    {
        if (await queues.FindUrlAsync(name, cancellationToken) is not { } url)
        {
            return [];
        }

        var received = await queues.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = SampleSize,
            VisibilityTimeout = 0,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount, MessageSystemAttributeName.SentTimestamp],
        }, cancellationToken);
        return [.. (received.Messages ?? []).DistinctBy(m => m.MessageId).Select(m => new DeadLetter(
            m.MessageId,
            m.Body,
            long.TryParse(m.Attributes?.GetValueOrDefault(MessageSystemAttributeName.SentTimestamp.Value), out var sent) ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null,
            int.TryParse(m.Attributes?.GetValueOrDefault(MessageSystemAttributeName.ApproximateReceiveCount.Value), out var count) ? count : 0))];
    }
}
