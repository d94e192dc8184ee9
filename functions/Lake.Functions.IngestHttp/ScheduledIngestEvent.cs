using System.Text.Json.Serialization;

namespace Lake.Functions.IngestHttp;

/// <summary>
/// What the schedule sends: the dataset and the run's scheduled time. On AWS the EventBridge Scheduler target's input
/// is <c>{"dataset":"orders","scheduledTime":"&lt;aws.scheduler.scheduled-time&gt;"}</c>; locally the AppHost's scheduler
/// sends the same. Without a scheduled time (a hand-made invocation) the run is for the current minute.
/// </summary>
public sealed class ScheduledIngestEvent
{
    [JsonPropertyName("dataset")]
    public string? Dataset { get; set; }

    [JsonPropertyName("scheduledTime")]
    public DateTimeOffset? ScheduledTime { get; set; }
}

/// <summary>What one run did.</summary>
public sealed record IngestRunResult(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("scheduledTime")] DateTimeOffset ScheduledTime,
    [property: JsonPropertyName("windowStart")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("uploadId")] string UploadId,
    [property: JsonPropertyName("rawKey")] string RawKey,
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("reason")] string? Reason = null)
{
    public const string Ingested = "ingested";
    public const string AlreadyIngested = "already-ingested";
    public const string Empty = "empty";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduledIngestEvent))]
[JsonSerializable(typeof(IngestRunResult))]
internal sealed partial class IngestHttpJsonContext : JsonSerializerContext;
