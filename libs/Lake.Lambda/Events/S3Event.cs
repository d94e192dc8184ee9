using System.Text.Json.Serialization;

namespace Lake.Lambda.Events;

/// <summary>An S3 event notification (names as in Amazon.Lambda.S3Events).</summary>
public sealed class S3Event
{
    /// <summary>The value of <c>Event</c> in the test message S3 sends when a notification is configured.</summary>
    public const string TestEventName = "s3:TestEvent";

    [JsonPropertyName("Records")]
    public List<S3EventNotificationRecord> Records { get; set; } = [];

    /// <summary>Set (and Records empty) on S3's test message; such a message carries no object.</summary>
    [JsonPropertyName("Event")]
    public string? Event { get; set; }

    [JsonIgnore]
    public bool IsTestEvent => Event == TestEventName;

    /// <summary>The objects this event says were created (bucket, decoded key); none for a test event or other event types.</summary>
    public IEnumerable<(string Bucket, string Key)> CreatedObjects() => IsTestEvent
        ? []
        : Records.Where(r => r.EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal)).Select(r => (r.S3.Bucket.Name, r.S3.Object.DecodedKey));

    public sealed class S3EventNotificationRecord
    {
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        [JsonPropertyName("eventTime")]
        public DateTime EventTime { get; set; }

        /// <summary>e.g. <c>ObjectCreated:Put</c>.</summary>
        [JsonPropertyName("eventName")]
        public string EventName { get; set; } = "";

        [JsonPropertyName("s3")]
        public S3Entity S3 { get; set; } = new();
    }

    public sealed class S3Entity
    {
        [JsonPropertyName("configurationId")]
        public string? ConfigurationId { get; set; }

        [JsonPropertyName("bucket")]
        public S3BucketEntity Bucket { get; set; } = new();

        [JsonPropertyName("object")]
        public S3ObjectEntity Object { get; set; } = new();
    }

    public sealed class S3BucketEntity
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("arn")]
        public string? Arn { get; set; }
    }

    public sealed class S3ObjectEntity
    {
        /// <summary>The key as S3 sends it: URL-encoded, spaces as '+'.</summary>
        [JsonPropertyName("key")]
        public string Key { get; set; } = "";

        [JsonPropertyName("size")]
        public long Size { get; set; }

        [JsonPropertyName("eTag")]
        public string? ETag { get; set; }

        [JsonPropertyName("versionId")]
        public string? VersionId { get; set; }

        [JsonPropertyName("sequencer")]
        public string? Sequencer { get; set; }

        /// <summary>The object's real key: '+' is a space and %XX escapes are undone.</summary>
        [JsonIgnore]
        public string DecodedKey => Uri.UnescapeDataString(Key.Replace('+', ' '));
    }
}
