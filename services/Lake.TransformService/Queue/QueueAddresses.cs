namespace Lake.TransformService.Queue;

/// <summary>
/// The URLs and ARN the service works with, resolved from configured names once at start (DESIGN §3). Until then
/// the service reports itself not ready on <c>/health</c>.
/// </summary>
public sealed class QueueAddresses
{
    private Resolved? _resolved;

    public bool IsResolved => _resolved is not null;

    public string QueueUrl => Current.QueueUrl;

    public string DeadLetterQueueUrl => Current.DeadLetterQueueUrl;

    public string AlertsTopicArn => Current.AlertsTopicArn;

    private Resolved Current => _resolved ?? throw new InvalidOperationException("The transform queue's addresses are not resolved yet.");

    public void Resolve(string queueUrl, string deadLetterQueueUrl, string alertsTopicArn) =>
        _resolved = new Resolved(queueUrl, deadLetterQueueUrl, alertsTopicArn);

    private sealed record Resolved(string QueueUrl, string DeadLetterQueueUrl, string AlertsTopicArn);
}
