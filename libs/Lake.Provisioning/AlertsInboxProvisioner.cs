using Lake.Aws.Sns;

namespace Lake.Provisioning;

/// <summary>
/// The alerts inbox: a queue subscribed to the alerts topic, so a reader (the dashboard) sees every alert published
/// while it was away. SNS's JSON envelope is kept (no raw delivery): it carries the subject and the publish time.
/// </summary>
internal sealed class AlertsInboxProvisioner(QueueProvisioner queues, SnsClient sns)
{
    public async Task EnsureAsync(string inbox, string topicArn, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var (url, arn) = await queues.EnsurePlainAsync(inbox, report, cancellationToken);
        await queues.EnsureTopicMaySendAsync(url, arn, topicArn, report, cancellationToken);

        var existing = await FindSubscriptionAsync(topicArn, arn, cancellationToken);
        if (existing is not null)
        {
            report.Add(ResourceKinds.Subscription, inbox, existing, ProvisioningAction.Unchanged);
            return;
        }

        var subscription = await sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = topicArn,
            Protocol = "sqs",
            Endpoint = arn,
            ReturnSubscriptionArn = true,
        }, cancellationToken);
        report.Add(ResourceKinds.Subscription, inbox, subscription.SubscriptionArn, ProvisioningAction.Created);
    }

    private async Task<string?> FindSubscriptionAsync(string topicArn, string queueArn, CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var page = await sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicRequest { TopicArn = topicArn, NextToken = next }, cancellationToken);
            if (page.Subscriptions.FirstOrDefault(s => s.Protocol == "sqs" && s.Endpoint == queueArn) is { } found)
            {
                return found.SubscriptionArn;
            }

            next = page.NextToken;
        }
        while (next is not null);

        return null;
    }
}
