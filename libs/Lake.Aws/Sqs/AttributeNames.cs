namespace Lake.Aws.Sqs;

/// <summary>Queue attribute names for <see cref="GetQueueAttributesRequest"/> and <see cref="SetQueueAttributesRequest"/>.</summary>
public static class QueueAttributeName
{
    public const string All = "All";
    public const string QueueArn = "QueueArn";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string Policy = "Policy";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
}

/// <summary>System attribute names a <see cref="ReceiveMessageRequest"/> can ask for.</summary>
public static class MessageSystemAttributeName
{
    public const string All = "All";
    public const string ApproximateReceiveCount = "ApproximateReceiveCount";
    public const string SentTimestamp = "SentTimestamp";
}
