using System.Diagnostics;

namespace Lake.Uploads;

/// <summary>
/// The S3 metadata an upload's objects carry (DESIGN §6): the ingest API signs it into the raw object, every copy
/// keeps it, and each stage reads the upload's name and trace from it. One place for the names and their encoding.
/// </summary>
public static class UploadMetadata
{
    public const string UploadId = "upload-id";
    public const string Dataset = "dataset";

    /// <summary>The client's file name, URL-escaped (S3 metadata is ASCII).</summary>
    public const string OriginalName = "original-name";

    /// <summary>The W3C <c>traceparent</c> of the request that created the upload: one upload is one trace.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The escaped form of a file name, as <see cref="OriginalName"/> holds it.</summary>
    public static string EscapeName(string fileName) => Uri.EscapeDataString(fileName);

    /// <summary>The file name <see cref="OriginalName"/> holds, or null when it is absent or empty.</summary>
    public static string? ReadName(string? escaped) => string.IsNullOrEmpty(escaped) ? null : Uri.UnescapeDataString(escaped);

    /// <summary>The upload's trace context from <see cref="TraceParent"/>; default (a new trace) when absent or malformed.</summary>
    public static ActivityContext ReadTrace(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    /// <summary>A stage's details plus the current trace's id (<c>traceId</c>), so the dashboard links the upload to its trace.</summary>
    public static Dictionary<string, string> WithTraceId(Dictionary<string, string> details)
    {
        if (Activity.Current is { } current)
        {
            details["traceId"] = current.TraceId.ToHexString();
        }

        return details;
    }
}
