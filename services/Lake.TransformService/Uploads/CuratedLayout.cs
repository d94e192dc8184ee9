using Lake.Uploads;

namespace Lake.TransformService.Uploads;

/// <summary>
/// Where an upload's outputs live (DESIGN §5). Every name derives from the upload id, so a retried or duplicated
/// message rewrites the same objects. Lake's own bookkeeping sits under <c>_lake/</c> in the curated bucket, outside
/// every table's location (<c>{dataset}/</c>), so no query reads it as data.
/// </summary>
public static class CuratedLayout
{
    /// <summary>A curated Parquet file: <c>{dataset}/{col}={value}/part-{uploadId}-{n}.parquet</c>.</summary>
    public static string CuratedKey(string dataset, string relativeFile) => $"{dataset}/{relativeFile}";

    public static string FilePrefix(UploadId uploadId) => $"part-{uploadId}";

    /// <summary>The upload's key file: the keys of its curated rows, read by later uploads of the dataset.</summary>
    public static string KeyFileKey(string dataset, UploadId uploadId) => $"{KeyFilePrefix(dataset)}{uploadId}.parquet";

    public static string KeyFilePrefix(string dataset) => $"_lake/keys/{dataset}/";

    /// <summary>The upload's manifest: every curated object it wrote, so a retry can remove what it no longer writes.</summary>
    public static string ManifestKey(string dataset, UploadId uploadId) => $"_lake/uploads/{dataset}/{uploadId}.json";

    /// <summary>In the quarantine bucket: <c>{dataset}/{uploadId}.parquet</c>.</summary>
    public static string QuarantineKey(string dataset, UploadId uploadId) => $"{dataset}/{uploadId}.parquet";
}
