using System.Security.Cryptography;
using System.Text;
using Lake.Uploads;

namespace Lake.Functions.Validate.Uploads;

/// <summary>
/// What a raw-zone key says: <c>{dataset}/ingest_date={yyyy-MM-dd}/{uploadId}.csv</c> (DESIGN §5). A key placed
/// by hand (<c>aws s3 cp</c> under <c>{dataset}/</c>) gets an upload id derived from its key and ETag, so a
/// redelivered event still names the same upload. A key's id is only a claim (<see cref="NamesUploadId"/>): the
/// validator honours it only for the pending upload it belongs to, else the object is a <see cref="Direct"/> write.
/// </summary>
public sealed record RawObjectKey(string Dataset, UploadId UploadId, string FileName, bool NamesUploadId = false)
{
    /// <summary>Where an object outside any dataset's prefix is filed in the rejected zone.</summary>
    public const string NoDataset = "_no-dataset";

    public static RawObjectKey Parse(string key, string? eTag)
    {
        var (dataset, fileName) = Split(key);
        var stem = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        return UploadId.TryParse(stem, out var id)
            ? new RawObjectKey(dataset, id, fileName, NamesUploadId: true)
            : new RawObjectKey(dataset, Derive(key, eTag), fileName);
    }

    /// <summary>The object as a write of its own, whatever id its key names: its id derives from its key and ETag.</summary>
    public static RawObjectKey Direct(string key, string? eTag)
    {
        var (dataset, fileName) = Split(key);
        return new RawObjectKey(dataset, Derive(key, eTag), fileName);
    }

    private static (string Dataset, string FileName) Split(string key)
    {
        var segments = key.Split('/');
        return (segments.Length >= 2 && segments[0].Length > 0 ? segments[0] : NoDataset, segments[^1]);
    }

    private static UploadId Derive(string key, string? eTag) =>
        UploadId.Parse(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{eTag}")))[..32]);
}
