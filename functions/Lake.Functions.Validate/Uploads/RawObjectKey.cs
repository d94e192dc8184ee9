using System.Security.Cryptography;
using System.Text;
using Lake.Uploads;

namespace Lake.Functions.Validate.Uploads;

/// <summary>
/// What a raw-zone key says: <c>{dataset}/ingest_date={yyyy-MM-dd}/{uploadId}.csv</c> (DESIGN §5). A key placed
/// by hand (<c>aws s3 cp</c> under <c>{dataset}/</c>) gets an upload id derived from its key and ETag, so a
/// redelivered event still names the same upload.
/// </summary>
public sealed record RawObjectKey(string Dataset, UploadId UploadId, string FileName)
{
    /// <summary>Where an object outside any dataset's prefix is filed in the rejected zone.</summary>
    public const string NoDataset = "_no-dataset";

    public static RawObjectKey Parse(string key, string? eTag)
    {
        var segments = key.Split('/');
        var dataset = segments.Length >= 2 && segments[0].Length > 0 ? segments[0] : NoDataset;
        var fileName = segments[^1];
        var stem = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        var uploadId = UploadId.TryParse(stem, out var id) ? id : Derive(key, eTag);
        return new RawObjectKey(dataset, uploadId, fileName);
    }

    private static UploadId Derive(string key, string? eTag) =>
        UploadId.Parse(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{eTag}")))[..32]);
}
