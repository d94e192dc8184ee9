using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws;
using Lake.Aws.Sns;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Queue;

/// <summary>
/// Long-polls the transform queue with one receive at a time, asking for as many messages as there are free slots
/// (<see cref="TransformOptions.MaxConcurrentUploads"/>), and works on each message in a slot of its own. One receive,
/// not one per slot: a long poll outlives a stopped service on the queue's side (the server does not notice the closed
/// connection, and SQS may still hand it a message), and each such orphan poll takes a message and counts a receive;
/// with a poller per slot, a restarted service could leave enough of them that a message reached the queue's
/// MaxReceiveCount and was dead-lettered by the redrive without ever being worked on. For the same reason, while
/// uploads are worked on the receive is short (1 s), and a stop lets it finish before the uploads stop and their
/// messages go back: an open receive would take them. The queue's, its dead-letter
/// queue's and the alerts topic's addresses are resolved from their names first; until the provisioner has made them,
/// it waits and says so.
/// </summary>
internal sealed class TransformWorker(
    IAmazonSQS sqs,
    SnsClient sns,
    QueueAddresses addresses,
    MessageProcessor processor,
    IOptions<TransformOptions> options,
    IOptions<LakeOptions> lake,
    ILogger<TransformWorker> logger) : BackgroundService
{
    private const int MaxMessagesPerReceive = 10; // SQS's limit
    private const int BusyPollSeconds = 1;

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResolveAsync(stoppingToken);
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ResolveAsync(CancellationToken stoppingToken)
    {
        var queue = lake.Value.Queues.Transform;
        while (true)
        {
            try
            {
                var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue.Name }, stoppingToken)).QueueUrl;
                var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] }, stoppingToken)).QueueARN
                    ?? throw new InvalidOperationException($"SQS returned no ARN for queue {queue.Name}");
                var deadLetterUrl = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue.DeadLetterQueueName }, stoppingToken)).QueueUrl;

                // The alerts topic lives in the queue's partition, region and account.
                var topicArn = AwsArn.Sibling(arn, "sns", lake.Value.AlertsTopic);
                await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = topicArn }, stoppingToken);
                addresses.Resolve(url, deadLetterUrl, topicArn);
                logger.LogInformation("Consuming {Queue} (dead letters to {DeadLetterQueue}, alerts to {Topic})", queue.Name, queue.DeadLetterQueueName, topicArn);
                return;
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or AwsServiceException or HttpRequestException)
            {
                logger.LogWarning("The transform queue {Queue}, its dead-letter queue or topic {Topic} is not available yet: {Error}", queue.Name, lake.Value.AlertsTopic, ex.Message);
                await Task.Delay(Pause, stoppingToken);
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var slots = options.Value.MaxConcurrentUploads;
        using var free = new SemaphoreSlim(slots, slots);
        using var processing = new CancellationTokenSource();
        var working = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wait for one free slot, then take every other slot free now: that many messages at most.
                await free.WaitAsync(stoppingToken);
                var taken = 1;
                while (taken < Math.Min(slots, MaxMessagesPerReceive) && free.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                // While uploads are worked on, a short receive that a stop waits for (below); idle, a long one.
                var busy = free.CurrentCount + taken < slots;
                var messages = await ReceiveAsync(taken, busy, stoppingToken);
                if (taken > messages.Count)
                {
                    free.Release(taken - messages.Count);
                }

                if (stoppingToken.IsCancellationRequested)
                {
                    foreach (var message in messages)
                    {
                        await processor.ReturnAsync(message, TimeSpan.Zero, CancellationToken.None);
                    }

                    break;
                }

                working.RemoveAll(t => t.IsCompleted);
                working.AddRange(messages.Select(message => WorkAsync(message, free, processing.Token)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Only now, with no receive of ours left open on the queue's side, do the uploads being worked on stop and
        // their messages go back: a receive still open there would take them and count a receive the restarted
        // service then sees.
        await processing.CancelAsync();
        await Task.WhenAll(working);
    }

    private async Task WorkAsync(Message message, SemaphoreSlim free, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await processor.ProcessAsync(message, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Message {MessageId} was not worked on: {Error}", message.MessageId, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            free.Release();
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> messages; none after a failed receive (logged, after a pause). Busy: a short
    /// receive that a stop lets finish (bounded); idle: a long one that a stop ends.
    /// </summary>
    private async Task<List<Message>> ReceiveAsync(int count, bool busy, CancellationToken stoppingToken)
    {
        using var limit = busy
            ? new CancellationTokenSource(TimeSpan.FromSeconds(BusyPollSeconds + 30))
            : CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = addresses.QueueUrl,
                MaxNumberOfMessages = count,
                WaitTimeSeconds = busy ? BusyPollSeconds : options.Value.LongPollSeconds,
                VisibilityTimeout = lake.Value.Queues.Transform.VisibilityTimeoutSeconds,
                MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
            }, limit.Token);
            return received.Messages ?? [];
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception ex)
        {
            logger.LogWarning("Polling {Queue} failed, retrying: {Error}", lake.Value.Queues.Transform.Name, ex.Message);
            await Task.Delay(Pause, stoppingToken);
            return [];
        }
    }
}
