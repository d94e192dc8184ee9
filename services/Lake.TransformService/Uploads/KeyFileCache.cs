using Amazon.S3;
using Amazon.S3.Model;
using Lake.Configuration;
using Lake.TransformService.Queue;
using Lake.Uploads;
using Microsoft.Extensions.Options;

namespace Lake.TransformService.Uploads;

/// <summary>
/// The key files of a dataset's earlier uploads, kept on local disk and fetched again only when their ETag changes
/// (copies are deleted at stop, never while uploads convert):
/// an upload lists them (one LIST per 1,000 uploads) instead of scanning the curated table. The upload being
/// converted never counts its own key file, so a redelivered upload does not collide with itself. Callers of one
/// dataset take turns (uploads of a dataset convert side by side).
/// </summary>
public sealed class KeyFileCache(IAmazonS3 s3, IOptions<LakeOptions> lake, IOptions<TransformOptions> options) : IDisposable
{
    private const int ParallelDownloads = 8;

    private readonly DatasetLocks _turns = new();
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.WorkRoot, $"key-cache-{Environment.ProcessId}"));

    /// <summary>Local copies of every key file of <paramref name="dataset"/> but <paramref name="uploadId"/>'s own.</summary>
    public async Task<IReadOnlyList<string>> FetchAsync(string dataset, UploadId uploadId, CancellationToken cancellationToken)
    {
        using var turn = await _turns.AcquireAsync(dataset, cancellationToken);
        var bucket = lake.Value.Buckets.Curated;
        var own = CuratedLayout.KeyFileKey(dataset, uploadId);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = CuratedLayout.KeyFilePrefix(dataset) };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in (page.S3Objects ?? []).Where(o => o.Key != own && o.Key.EndsWith(".parquet", StringComparison.Ordinal)))
            {
                wanted[item.Key] = Path.Combine(_root, dataset, $"{Path.GetFileNameWithoutExtension(item.Key)}-{new string([.. item.ETag.Where(char.IsAsciiLetterOrDigit)])}.parquet");
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        // No copy is deleted while the process runs: an upload converting beside this one may be reading any of them
        // (this upload's own key file included, which it leaves out of its list). A rewritten key file is fetched
        // under a new name (its ETag's), so an old copy is never read again; the directory goes at stop.
        Directory.CreateDirectory(Path.Combine(_root, dataset));
        var missing = wanted.Where(w => !File.Exists(w.Value));
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var partial = $"{file.Value}.{Guid.NewGuid():N}.partial";
            using (var response = await s3.GetObjectAsync(bucket, file.Key, ct))
            {
                await response.WriteResponseStreamToFileAsync(partial, append: false, ct);
            }

            File.Move(partial, file.Value, overwrite: true);
        });
        return [.. wanted.Values.Order(StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
