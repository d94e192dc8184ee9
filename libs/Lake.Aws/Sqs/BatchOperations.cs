namespace Lake.Aws.Sqs;

public sealed class SendMessageBatchRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>Up to 10 entries, each with an <see cref="SendMessageBatchRequestEntry.Id"/> unique in the batch.</summary>
    public List<SendMessageBatchRequestEntry> Entries { get; set; } = [];
}

public sealed class SendMessageBatchRequestEntry
{
    public string Id { get; set; } = string.Empty;

    public string MessageBody { get; set; } = string.Empty;

    public int? DelaySeconds { get; set; }

    public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = [];
}

public sealed class SendMessageBatchResponse
{
    public List<SendMessageBatchResultEntry> Successful { get; set; } = [];

    public List<BatchResultErrorEntry> Failed { get; set; } = [];
}

public sealed class SendMessageBatchResultEntry
{
    public string Id { get; set; } = string.Empty;

    public string MessageId { get; set; } = string.Empty;

    public string MD5OfMessageBody { get; set; } = string.Empty;
}

/// <summary>One entry of a batch that failed while the rest may have succeeded.</summary>
public sealed class BatchResultErrorEntry
{
    public string Id { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string? Message { get; set; }

    /// <summary>Whether the caller's entry was at fault (retrying it unchanged will fail again).</summary>
    public bool SenderFault { get; set; }
}

public sealed class DeleteMessageBatchRequest
{
    public string QueueUrl { get; set; } = string.Empty;

    public List<DeleteMessageBatchRequestEntry> Entries { get; set; } = [];
}

public sealed class DeleteMessageBatchRequestEntry
{
    public string Id { get; set; } = string.Empty;

    public string ReceiptHandle { get; set; } = string.Empty;
}

public sealed class DeleteMessageBatchResponse
{
    public List<DeleteMessageBatchResultEntry> Successful { get; set; } = [];

    public List<BatchResultErrorEntry> Failed { get; set; } = [];
}

public sealed class DeleteMessageBatchResultEntry
{
    public string Id { get; set; } = string.Empty;
}
