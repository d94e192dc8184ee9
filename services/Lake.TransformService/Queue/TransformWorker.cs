using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Aws;
using Lake.Aws.Sns;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Queue;

/// <summary>
/// Long-polls the transform queue with <see cref="TransformOptions.MaxConcurrentUploads"/> pollers, one message each
/// at a time. The queue's, its dead-letter queue's and the alerts topic's addresses are resolved from their names
/// first; until the provisioner has made them, it waits and says so.
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
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResolveAsync(stoppingToken);
            await Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentUploads).Select(_ => PollAsync(stoppingToken)));
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = addresses.QueueUrl,
                    MaxNumberOfMessages = 1,
                    WaitTimeSeconds = options.Value.LongPollSeconds,
                    VisibilityTimeout = lake.Value.Queues.Transform.VisibilityTimeoutSeconds,
                    MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount],
                }, stoppingToken);
                foreach (var message in received.Messages ?? [])
                {
                    await processor.ProcessAsync(message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Polling {Queue} failed, retrying: {Error}", lake.Value.Queues.Transform.Name, ex.Message);
                await Task.Delay(Pause, stoppingToken);
            }
        }
    }
}
