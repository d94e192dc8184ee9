using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Lake.Configuration;

namespace Lake.Provisioning;

/// <summary>A work queue and its dead-letter queue, with the ARNs later steps need.</summary>
internal sealed record ProvisionedQueue(string Url, string Arn, string DeadLetterUrl, string DeadLetterArn);

internal sealed class QueueProvisioner(IAmazonSQS sqs)
{
    public async Task<ProvisionedQueue> EnsureAsync(WorkQueue queue, int maxReceiveCount, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var (deadLetterUrl, deadLetterArn) = await EnsureQueueAsync(queue.DeadLetterQueueName, new Dictionary<string, string>
        {
            // Dead letters wait the longest SQS allows (14 days) for someone to look at them.
            [QueueAttributeName.MessageRetentionPeriod] = "1209600",
        }, report, cancellationToken);

        var redrive = new JsonObject
        {
            ["deadLetterTargetArn"] = deadLetterArn,
            ["maxReceiveCount"] = maxReceiveCount,
        };
        var (url, arn) = await EnsureQueueAsync(queue.Name, new Dictionary<string, string>
        {
            [QueueAttributeName.VisibilityTimeout] = queue.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            [QueueAttributeName.RedrivePolicy] = redrive.ToJsonString(),
        }, report, cancellationToken);

        return new ProvisionedQueue(url, arn, deadLetterUrl, deadLetterArn);
    }

    /// <summary>Lets S3 send the bucket's events to the queue, as real SQS requires.</summary>
    public Task EnsureS3MaySendAsync(string queueUrl, string queueArn, string bucket, ProvisioningReport report, CancellationToken cancellationToken) =>
        EnsurePolicyAsync(queueUrl, queueArn, QueuePolicies.AllowS3Bucket(queueArn, bucket), $"s3 {bucket} -> {queueArn}", report, cancellationToken);

    /// <summary>Lets the SNS topic deliver to the queue, as real SQS requires for a topic subscription.</summary>
    public Task EnsureTopicMaySendAsync(string queueUrl, string queueArn, string topicArn, ProvisioningReport report, CancellationToken cancellationToken) =>
        EnsurePolicyAsync(queueUrl, queueArn, QueuePolicies.AllowSnsTopic(queueArn, topicArn), $"sns {topicArn} -> {queueArn}", report, cancellationToken);

    /// <summary>A queue with no dead-letter queue of its own (the alerts inbox).</summary>
    public Task<(string Url, string Arn)> EnsurePlainAsync(string name, ProvisioningReport report, CancellationToken cancellationToken) =>
        EnsureQueueAsync(name, [], report, cancellationToken);

    private async Task EnsurePolicyAsync(
        string queueUrl, string queueArn, string policy, string description, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var current = await GetAttributesAsync(queueUrl, cancellationToken);
        var action = ProvisioningAction.Unchanged;
        if (!AttributeMatches(QueueAttributeName.Policy, policy, current))
        {
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
            {
                QueueUrl = queueUrl,
                Attributes = new() { [QueueAttributeName.Policy] = policy },
            }, cancellationToken);
            action = current.ContainsKey(QueueAttributeName.Policy) ? ProvisioningAction.Updated : ProvisioningAction.Created;
        }

        report.Add(ResourceKinds.QueuePolicy, queueArn.Split(':')[^1], description, action);
    }

    private async Task<(string Url, string Arn)> EnsureQueueAsync(
        string name, Dictionary<string, string> wanted, ProvisioningReport report, CancellationToken cancellationToken)
    {
        var url = await FindQueueUrlAsync(name, cancellationToken);
        ProvisioningAction action;
        if (url is null)
        {
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = wanted }, cancellationToken);
            url = created.QueueUrl;
            action = ProvisioningAction.Created;
        }
        else
        {
            var current = await GetAttributesAsync(url, cancellationToken);
            var drift = wanted.Where(w => !AttributeMatches(w.Key, w.Value, current)).ToDictionary(w => w.Key, w => w.Value);
            action = drift.Count == 0 ? ProvisioningAction.Unchanged : ProvisioningAction.Updated;
            if (drift.Count > 0)
            {
                await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = drift }, cancellationToken);
            }
        }

        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.QueueArn],
        }, cancellationToken)).QueueARN ?? throw new ProvisioningException($"SQS returned no QueueArn for queue '{name}'.");
        report.Add(ResourceKinds.Queue, name, arn, action);
        return (url, arn);
    }

    private async Task<string?> FindQueueUrlAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, string>> GetAttributesAsync(string url, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = [QueueAttributeName.All],
        }, cancellationToken)).Attributes ?? [];

    /// <summary>JSON-valued attributes (policies) compare as JSON: key order and number-vs-string do not count.</summary>
    private static bool AttributeMatches(string name, string wanted, IReadOnlyDictionary<string, string> current)
    {
        if (!current.TryGetValue(name, out var actual))
        {
            return false;
        }

        if (name == QueueAttributeName.RedrivePolicy.Value || name == QueueAttributeName.Policy.Value)
        {
            return JsonSemantics.Equal(wanted, actual);
        }

        return wanted == actual;
    }
}
