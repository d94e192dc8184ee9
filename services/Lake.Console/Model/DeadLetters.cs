using Lake.Console.Infrastructure;

namespace Lake.Console.Model;

/// <summary>A work queue and its dead-letter queue, by the short name URLs use (<c>validate</c>, <c>transform</c>), with a look at up to 10 messages.</summary>
public sealed record DeadLetterQueueView(string Queue, QueueDepth Source, QueueDepth DeadLetters, IReadOnlyList<DeadLetter> Sample);

/// <summary>A message waiting in a dead-letter queue.</summary>
/// <param name="ReceiveCount">How often it has been received, by its consumer and by the console's looks.</param>
public sealed record DeadLetter(string MessageId, string Body, DateTimeOffset? SentAt, int ReceiveCount)
{
    public static DeadLetter Of(QueueMessage m) => new(m.MessageId, m.Body, m.SentAt, m.ReceiveCount);
}

/// <summary>What one redrive did.</summary>
/// <param name="Moved">Messages now in the work queue and gone from the dead-letter queue.</param>
/// <param name="Failed">Messages SQS refused to send; they stay in the dead-letter queue.</param>
public sealed record RedriveResult(string Queue, int Moved, int Failed);
