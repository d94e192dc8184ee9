using System.Collections.Concurrent;
using System.Diagnostics;
using Lake.Configuration;
using Lake.Console.Infrastructure;
using Lake.Console.Model;

namespace Lake.Console.Services;

/// <summary>
/// Moves a dead-letter queue's messages back to its work queue, as SQS's StartMessageMoveTask would (moto lacks
/// it), a batch at a time through <see cref="LakeQueues.MoveBatchAsync"/>: nothing is lost (a message leaves the
/// dead-letter queue only once the work queue has it), nothing is duplicated short of a crash between send and
/// delete (the stages are idempotent, DESIGN §5). One redrive per queue at a time; it moves at most what the queue
/// held when it began, so messages that fail again and come back are not moved round in a loop.
/// </summary>
internal sealed partial class Redriver(LakeQueues queues, ILogger<Redriver> logger)
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
            using var activity = ConsoleActivities.Source.StartActivity("dlq.redrive");
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
            var batch = await queues.MoveBatchAsync(dlqUrl, sourceUrl, budget - moved - failed, HoldSeconds, cancellationToken);
            if (batch.Received == 0)
            {
                break;
            }

            moved += batch.Moved;
            failed += batch.Refused;
        }

        return new RedriveResult(queue, moved, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redrove {Moved} messages from {DeadLetterQueue} to {Queue} ({Failed} refused)")]
    private static partial void LogRedriven(ILogger logger, int moved, string deadLetterQueue, string queue, int failed);
}
