using Amazon.SQS;
using Amazon.SQS.Model;

namespace Lake.TransformService.Queue;

/// <summary>
/// Keeps a message invisible while its upload is worked on: every third of the visibility timeout it asks SQS for a
/// full timeout again, so a long file is not handed to another consumer halfway. Disposing stops it.
/// </summary>
public sealed class VisibilityHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    private VisibilityHeartbeat(IAmazonSQS sqs, string queueUrl, Message message, int visibilityTimeoutSeconds, ILogger logger)
    {
        _beating = BeatAsync(sqs, queueUrl, message, visibilityTimeoutSeconds, logger, _stop.Token);
    }

    public static VisibilityHeartbeat Start(IAmazonSQS sqs, string queueUrl, Message message, int visibilityTimeoutSeconds, ILogger logger) =>
        new(sqs, queueUrl, message, visibilityTimeoutSeconds, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }

    private static async Task BeatAsync(IAmazonSQS sqs, string queueUrl, Message message, int timeoutSeconds, ILogger logger, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds / 3.0));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
                    {
                        QueueUrl = queueUrl,
                        ReceiptHandle = message.ReceiptHandle,
                        VisibilityTimeout = timeoutSeconds,
                    }, stop);
                    logger.LogDebug("Message {MessageId} kept invisible for {Seconds} s more", message.MessageId, timeoutSeconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Could not extend the visibility of message {MessageId}: {Error}", message.MessageId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
