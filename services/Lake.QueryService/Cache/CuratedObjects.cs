using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Lake.QueryService.Catalog;

namespace Lake.QueryService.Cache;

/// <summary>
/// Copies a table's curated Parquet into the <see cref="CacheDirectory"/>: one S3 listing of the table's location
/// (plus one per partition stored elsewhere), files matched to the catalog's registered partitions, and only the
/// objects whose ETag the cache does not hold yet downloaded (atomically: a temp name, then a rename).
/// </summary>
public sealed partial class CuratedObjects(IAmazonS3 s3, CacheDirectory cache, TimeProvider time, ILogger<CuratedObjects> logger)
{
    private const int ParallelDownloads = 4;

    public async Task<CachedTable> SyncAsync(CatalogTable table, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(table, cancellationToken);
        var tableDirectory = cache.TableDirectory(table.Database, table.Name);
        var partitions = new List<CachedPartition>();
        if (table.PartitionKeys.Count == 0)
        {
            var objects = listed.Where(o => o.Bucket == table.Location.Bucket && o.Key.StartsWith(table.Location.Prefix, StringComparison.Ordinal));
            partitions.Add(new CachedPartition([], table.Location, [.. objects.Select(o => Place(o, tableDirectory, o.Key[table.Location.Prefix.Length..]))]));
        }
        else
        {
            var byDirectory = listed.ToLookup(o => (o.Bucket, Directory: o.Key[..(o.Key.LastIndexOf('/') + 1)]));
            foreach (var partition in table.Partitions)
            {
                if (PartitionPath(table, partition) is not { } path)
                {
                    logger.LogWarning("Partition {Values} of {Table} has a value that cannot be a directory name; it is not served", partition.Values, table.QualifiedName);
                    continue;
                }

                var files = byDirectory[(partition.Location.Bucket, partition.Location.Prefix)];
                partitions.Add(new CachedPartition(partition.Values, partition.Location,
                    [.. files.Select(o => Place(o, Path.Combine(tableDirectory, path), FileName(o.Key)))]));
            }
        }

        var downloaded = await DownloadMissingAsync(partitions.SelectMany(p => p.Files), cancellationToken);
        if (downloaded > 0)
        {
            logger.LogInformation("Cached {Count} new or changed objects of {Table}", downloaded, table.QualifiedName);
        }

        return new CachedTable(table, partitions, time.GetUtcNow());
    }

    /// <summary>The Hive directory of a partition (<c>key=value/...</c>); null when a value cannot safely be a directory name.</summary>
    internal static string? PartitionPath(CatalogTable table, CatalogPartition partition)
    {
        if (partition.Values.Count != table.PartitionKeys.Count || partition.Values.Any(v => !SafeValue().IsMatch(v) || v.Contains("..", StringComparison.Ordinal)))
        {
            return null;
        }

        return Path.Combine([.. table.PartitionKeys.Zip(partition.Values, (key, value) => $"{key.Name}={value}")]);
    }

    private async Task<List<ListedObject>> ListAsync(CatalogTable table, CancellationToken cancellationToken)
    {
        var locations = table.Partitions.Select(p => p.Location).Where(l => !table.Location.Contains(l)).Distinct().Prepend(table.Location);
        var objects = new List<ListedObject>();
        foreach (var location in locations)
        {
            var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix };
            ListObjectsV2Response response;
            do
            {
                response = await s3.ListObjectsV2Async(request, cancellationToken);
                objects.AddRange((response.S3Objects ?? [])
                    .Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal))
                    .Select(o => new ListedObject(location.Bucket, o.Key, o.ETag.Trim('"'), o.Size ?? 0)));
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
        }

        return objects;
    }

    private async Task<int> DownloadMissingAsync(IEnumerable<CachedFile> files, CancellationToken cancellationToken)
    {
        var missing = files.Where(f => !File.Exists(f.LocalPath)).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (file, token) => await DownloadAsync(file, token));
        return missing.Count;
    }

    private async Task DownloadAsync(CachedFile file, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file.LocalPath)!);
        var temporary = $"{file.LocalPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            // EtagToMatch: the bytes cached under this ETag's name are the bytes that carry it.
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = file.Bucket, Key = file.Key, EtagToMatch = $"\"{file.ETag}\"" }, cancellationToken);
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await response.ResponseStream.CopyToAsync(target, cancellationToken);
            }

            File.Move(temporary, file.LocalPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static CachedFile Place(ListedObject listed, string directory, string relativeName)
    {
        var safeName = string.Join('_', relativeName.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => UnsafeNameCharacters().Replace(s, "_")));
        var stem = safeName[..^".parquet".Length];
        var etag = UnsafeNameCharacters().Replace(listed.ETag, "");
        return new CachedFile(listed.Bucket, listed.Key, listed.ETag, listed.Size, Path.Combine(directory, $"{stem}.{etag}.parquet"));
    }

    private static string FileName(string key) => key[(key.LastIndexOf('/') + 1)..];

    private sealed record ListedObject(string Bucket, string Key, string ETag, long Size);

    // Dates, numbers, codes, timestamps: no separators, no '=' (Hive's), no '%' (escapes), nothing to trip a path.
    [GeneratedRegex(@"^[A-Za-z0-9 _.:+-]+$")]
    private static partial Regex SafeValue();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeNameCharacters();
}
