using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.SQS.Model;
using Lake.Configuration;
using Lake.Dashboard.Aws;
using Microsoft.Extensions.Logging;

namespace Lake.Dashboard.DeadLetters;

/// <summary>What one redrive did.</summary>
/// <param name="Moved">Messages now in the work queue and gone from the dead-letter queue.</param>
/// <param name="Failed">Messages SQS refused to send; they stay in the dead-letter queue.</param>
public sealed record RedriveResult(string Queue, int Moved, int Failed);

/// <summary>
/// Moves a dead-letter queue's messages back to its work queue, as SQS's StartMessageMoveTask would (moto lacks
/// it): receive a batch (hidden from everyone else meanwhile), send it to the work queue, delete from the
/// dead-letter queue only what was sent. Nothing is lost: a message is deleted only after the work queue has it.
/// Nothing is duplicated short of a crash between send and delete (the stages are idempotent, DESIGN §5). One
/// redrive per queue at a time; it moves at most what the queue held when it began, so messages that fail again
/// and come back are not moved round in a loop.
/// </summary>
internal sealed partial class Redriver(QueueDirectory queues, ILogger<Redriver> logger)
{
    /// <summary>Long enough to send and delete a batch; after it, unsent messages are visible in the dead-letter queue again.</summary>
    private const int HoldSeconds = 60;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    public async Task<RedriveResult> RedriveAsync(string queue, WorkQueue work, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(work.DeadLetterQueueName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var activity = DashboardActivities.Source.StartActivity("dlq.redrive");
            activity?.SetTag("messaging.source.name", work.DeadLetterQueueName);
            activity?.SetTag("messaging.destination.name", work.Name);
            var result = await MoveAsync(queue, work, cancellationToken);
            activity?.SetTag("lake.redrive.moved", result.Moved);
            activity?.SetTag("lake.redrive.failed", result.Failed);
            if (result.Failed > 0)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"{result.Failed} messages could not be sent");
            }

            LogRedriven(logger, result.Moved, work.DeadLetterQueueName, work.Name, result.Failed);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RedriveResult> MoveAsync(string queue, WorkQueue work, CancellationToken cancellationToken)
    {
        var dlqUrl = await queues.FindUrlAsync(work.DeadLetterQueueName, cancellationToken);
        var sourceUrl = await queues.FindUrlAsync(work.Name, cancellationToken);
        if (dlqUrl is null || sourceUrl is null)
        {
            return new RedriveResult(queue, 0, 0);
        }

        var budget = (await queues.DepthAsync(work.DeadLetterQueueName, cancellationToken)).Waiting;
        var moved = 0;
        var failed = 0;
        while (moved + failed < budget)
        {
            var batch = (await queues.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = dlqUrl,
                MaxNumberOfMessages = Math.Min(10, budget - moved - failed),
                VisibilityTimeout = HoldSeconds,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            }, cancellationToken)).Messages;
            if (batch is not { Count: > 0 })
            {
                break;
            }

            var (sent, refused) = await SendAsync(sourceUrl, batch, cancellationToken);
            await DeleteAsync(dlqUrl, sent, cancellationToken);
            await ReleaseAsync(dlqUrl, refused, cancellationToken);
            moved += sent.Count;
            failed += refused.Count;
        }

        return new RedriveResult(queue, moved, failed);
    }

    private async Task<(List<Message> Sent, List<Message> Refused)> SendAsync(string url, List<Message> batch, CancellationToken cancellationToken)
    {
        var response = await queues.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = url,
            Entries = [.. batch.Select((m, i) => new SendMessageBatchRequestEntry
            {
                Id = Id(i),
                MessageBody = m.Body,
                MessageAttributes = m.MessageAttributes,
            })],
        }, cancellationToken);
        var sent = (response.Successful ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return ([.. batch.Where((_, i) => sent.Contains(Id(i)))], [.. batch.Where((_, i) => !sent.Contains(Id(i)))]);
    }

    private async Task DeleteAsync(string url, List<Message> messages, CancellationToken cancellationToken)
    {
        if (messages.Count > 0)
        {
            // Not cancelled: once sent, a message must leave the dead-letter queue or it would be moved twice.
            await queues.Sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = url,
                Entries = [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = Id(i), ReceiptHandle = m.ReceiptHandle })],
            }, CancellationToken.None);
        }
    }

    /// <summary>Makes messages that could not be sent visible in the dead-letter queue again at once.</summary>
    private async Task ReleaseAsync(string url, List<Message> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await queues.Sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = url,
                ReceiptHandle = message.ReceiptHandle,
                VisibilityTimeout = 0,
            }, cancellationToken);
        }
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redrove {Moved} messages from {DeadLetterQueue} to {Queue} ({Failed} refused)")]
    private static partial void LogRedriven(ILogger logger, int moved, string deadLetterQueue, string queue, int failed);
}
