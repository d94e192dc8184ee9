using Lake.Aws;
using Lake.Aws.Sns;

namespace Lake.Provisioning;

internal sealed class TopicProvisioner(SnsClient sns)
{
    public async Task<string> EnsureAsync(string name, string topicArnIfExists, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var exists = await ExistsAsync(topicArnIfExists, cancellationToken);

        // CreateTopic is idempotent: it hands back the existing topic's ARN.
        var arn = (await sns.CreateTopicAsync(new CreateTopicRequest { Name = name }, cancellationToken)).TopicArn;
        report.Add(ResourceKinds.Topic, name, arn, exists ? ProvisioningAction.Unchanged : ProvisioningAction.Created);
        return arn;
    }

    private async Task<bool> ExistsAsync(string arn, CancellationToken cancellationToken)
    {
        try
        {
            await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = arn }, cancellationToken);
            return true;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "NotFound")
        {
            return false;
        }
    }
}
