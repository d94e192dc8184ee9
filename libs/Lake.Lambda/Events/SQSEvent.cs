using System.Text.Json.Serialization;

namespace Lake.Lambda.Events;

/// <summary>A batch of SQS messages, as an event source mapping delivers it (names as in Amazon.Lambda.SQSEvents).</summary>
public sealed class SQSEvent
{
    [JsonPropertyName("Records")]
    public List<SQSMessage> Records { get; set; } = [];

    public sealed class SQSMessage
    {
        [JsonPropertyName("messageId")]
        public string MessageId { get; set; } = "";

        [JsonPropertyName("receiptHandle")]
        public string ReceiptHandle { get; set; } = "";

        [JsonPropertyName("body")]
        public string Body { get; set; } = "";

        [JsonPropertyName("attributes")]
        public Dictionary<string, string> Attributes { get; set; } = [];

        [JsonPropertyName("messageAttributes")]
        public Dictionary<string, MessageAttribute> MessageAttributes { get; set; } = [];

        [JsonPropertyName("md5OfBody")]
        public string? Md5OfBody { get; set; }

        [JsonPropertyName("eventSource")]
        public string EventSource { get; set; } = "aws:sqs";

        [JsonPropertyName("eventSourceARN")]
        public string EventSourceArn { get; set; } = "";

        [JsonPropertyName("awsRegion")]
        public string AwsRegion { get; set; } = "";
    }

    public sealed class MessageAttribute
    {
        [JsonPropertyName("stringValue")]
        public string? StringValue { get; set; }

        [JsonPropertyName("dataType")]
        public string DataType { get; set; } = "String";
    }
}

/// <summary>The reply that returns only the failed messages of a batch to the queue (ReportBatchItemFailures).</summary>
public sealed class SQSBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public List<BatchItemFailure> BatchItemFailures { get; set; } = [];

    public sealed class BatchItemFailure
    {
        [JsonPropertyName("itemIdentifier")]
        public string ItemIdentifier { get; set; } = "";
    }
}
