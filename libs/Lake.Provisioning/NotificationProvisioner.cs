using Amazon.S3;
using Amazon.S3.Model;

namespace Lake.Provisioning;

/// <summary>Points a bucket's ObjectCreated events at a queue (raw → validate, clean → transform).</summary>
internal sealed class NotificationProvisioner(IAmazonS3 s3)
{
    public async Task EnsureAsync(string bucket, string queueArn, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var id = $"lake-{bucket}-object-created";
        var current = await s3.GetBucketNotificationAsync(new GetBucketNotificationRequest { BucketName = bucket }, cancellationToken);
        var queues = current.QueueConfigurations ?? [];
        var matching = queues.Any(q => q.Queue == queueArn
            && q.Events is { Count: 1 } events && events[0] == EventType.ObjectCreatedAll
            && q.Filter?.S3KeyFilter?.FilterRules is null or { Count: 0 });
        var action = ProvisioningAction.Unchanged;
        if (!matching)
        {
            // The request replaces the bucket's whole configuration: keep what others added, replace ours.
            var others = queues.Where(q => q.Id != id && q.Queue != queueArn).ToList();
            others.Add(new QueueConfiguration { Id = id, Queue = queueArn, Events = [EventType.ObjectCreatedAll] });
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket,
                QueueConfigurations = others,
                TopicConfigurations = current.TopicConfigurations,
                LambdaFunctionConfigurations = current.LambdaFunctionConfigurations,
                EventBridgeConfiguration = current.EventBridgeConfiguration,
            }, cancellationToken);
            action = queues.Count == 0 ? ProvisioningAction.Created : ProvisioningAction.Updated;
        }

        report.Add(ResourceKinds.BucketNotification, bucket, $"s3:ObjectCreated:* -> {queueArn}", action);
    }
}
