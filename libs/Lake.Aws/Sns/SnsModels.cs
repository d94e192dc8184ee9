namespace Lake.Aws.Sns;

/// <summary>A typed message attribute; Lake uses <c>String</c> and <c>Number</c> data types.</summary>
public sealed class MessageAttributeValue
{
    public string DataType { get; set; } = "String";

    public string? StringValue { get; set; }
}

public sealed class CreateTopicRequest
{
    public string Name { get; set; } = string.Empty;

    public Dictionary<string, string> Attributes { get; set; } = [];
}

public sealed class CreateTopicResponse
{
    public string TopicArn { get; set; } = string.Empty;
}

public sealed class GetTopicAttributesRequest
{
    public string TopicArn { get; set; } = string.Empty;
}

public sealed class GetTopicAttributesResponse
{
    public Dictionary<string, string> Attributes { get; set; } = [];
}

public sealed class SubscribeRequest
{
    public string TopicArn { get; set; } = string.Empty;

    /// <summary><c>sqs</c>, <c>https</c>, <c>email</c>, <c>lambda</c>, ...</summary>
    public string Protocol { get; set; } = string.Empty;

    /// <summary>For <c>sqs</c>, the queue's ARN.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>e.g. <c>RawMessageDelivery</c>, <c>FilterPolicy</c>.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>Return the ARN even while the subscription awaits confirmation.</summary>
    public bool ReturnSubscriptionArn { get; set; }
}

public sealed class SubscribeResponse
{
    public string SubscriptionArn { get; set; } = string.Empty;
}

public sealed class PublishRequest
{
    public string TopicArn { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = [];
}

public sealed class PublishResponse
{
    public string MessageId { get; set; } = string.Empty;
}

public sealed class ListSubscriptionsByTopicRequest
{
    public string TopicArn { get; set; } = string.Empty;

    public string? NextToken { get; set; }
}

public sealed class ListSubscriptionsByTopicResponse
{
    public List<Subscription> Subscriptions { get; set; } = [];

    /// <summary>Pass back in the next request for the next page; null on the last page.</summary>
    public string? NextToken { get; set; }
}

public sealed class Subscription
{
    public string SubscriptionArn { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string Protocol { get; set; } = string.Empty;

    public string Endpoint { get; set; } = string.Empty;

    public string TopicArn { get; set; } = string.Empty;
}
