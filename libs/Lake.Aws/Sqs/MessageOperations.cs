namespace Lake.Aws.Sqs;

/// <summary>A typed message attribute; Lake uses <c>String</c> and <c>Number</c> data types.</summary>
public sealed class MessageAttributeValue
{
    public string DataType { get; set; } = "String";

    public string? StringValue { get; set; }
}

public sealed class SendMessageRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    public string MessageBody { get; set; } = string.Empty;

    public int? DelaySeconds { get; set; }

    public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = [];
}

public sealed class SendMessageResponse
{
    public string MessageId { get; set; } = string.Empty;

    public string MD5OfMessageBody { get; set; } = string.Empty;

    public string? MD5OfMessageAttributes { get; set; }
}

public sealed class ReceiveMessageRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>1 to 10; the service default is 1.</summary>
    public int? MaxNumberOfMessages { get; set; }

    /// <summary>Long polling: how long (0 to 20 s) to wait for a message when the queue is empty.</summary>
    public int? WaitTimeSeconds { get; set; }

    public int? VisibilityTimeout { get; set; }

    /// <summary>Names from <see cref="MessageSystemAttributeName"/>.</summary>
    public List<string> MessageSystemAttributeNames { get; set; } = [];

    /// <summary>Message attribute names to return; <c>All</c> or <c>.*</c> returns every one.</summary>
    public List<string> MessageAttributeNames { get; set; } = [];
}

public sealed class ReceiveMessageResponse
{
    public List<Message> Messages { get; set; } = [];
}

public sealed class Message
{
    public string MessageId { get; set; } = string.Empty;

    public string ReceiptHandle { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public string MD5OfBody { get; set; } = string.Empty;

    public string? MD5OfMessageAttributes { get; set; }

    /// <summary>System attributes asked for, e.g. <c>ApproximateReceiveCount</c>.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = [];
}

public sealed class DeleteMessageRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    public string ReceiptHandle { get; set; } = string.Empty;
}

public sealed class DeleteMessageResponse;

public sealed class ChangeMessageVisibilityRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    public string ReceiptHandle { get; set; } = string.Empty;

    /// <summary>Seconds until the message is visible again; 0 makes it receivable at once.</summary>
    public int VisibilityTimeout { get; set; }
}

public sealed class ChangeMessageVisibilityResponse;
