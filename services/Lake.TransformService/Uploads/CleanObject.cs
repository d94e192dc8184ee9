using Amazon.S3.Model;
using Lake.Uploads;

namespace Lake.TransformService.Uploads;

/// <summary>
/// An upload in the clean zone: <c>{dataset}/{uploadId}.csv</c> (DESIGN §5), with the metadata the validate function
/// kept from raw: <c>original-name</c> (URL-escaped) and <c>traceparent</c> (W3C), which continues the upload's trace.
/// </summary>
public sealed record CleanObject(string Bucket, string Key, string Dataset, UploadId UploadId, string FileName, string? TraceParent)
{
    /// <summary>The dataset and upload a clean key names, or false when it names none.</summary>
    public static bool TryParseKey(string key, out string dataset, out UploadId uploadId)
    {
        var segments = key.Split('/');
        dataset = segments.Length == 2 ? segments[0] : "";
        uploadId = default;
        return segments.Length == 2 && dataset.Length > 0
            && segments[1].EndsWith(".csv", StringComparison.Ordinal)
            && UploadId.TryParse(segments[1][..^4], out uploadId);
    }

    /// <exception cref="UploadRefusedException">The key is not <c>{dataset}/{uploadId}.csv</c>.</exception>
    public static CleanObject From(string bucket, string key, GetObjectMetadataResponse head)
    {
        if (!TryParseKey(key, out var dataset, out var uploadId))
        {
            throw new UploadRefusedException($"the clean object '{key}' is not named {{dataset}}/{{uploadId}}.csv, so it belongs to no upload");
        }

        var fileName = UploadMetadata.ReadName(head.Metadata[UploadMetadata.OriginalName]) ?? $"{uploadId}.csv";
        var traceParent = head.Metadata[UploadMetadata.TraceParent];
        return new CleanObject(bucket, key, dataset, uploadId, fileName, string.IsNullOrEmpty(traceParent) ? null : traceParent);
    }
}
