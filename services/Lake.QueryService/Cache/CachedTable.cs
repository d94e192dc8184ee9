using Lake.QueryService.Catalog;

namespace Lake.QueryService.Cache;

/// <summary>A curated object copied into the cache: where it is in S3, its ETag and size, where the copy is.</summary>
public sealed record CachedFile(string Bucket, string Key, string ETag, long Size, string LocalPath);

/// <summary>A registered partition and the files the curated bucket holds for it.</summary>
public sealed record CachedPartition(IReadOnlyList<string> Values, S3Location Location, IReadOnlyList<CachedFile> Files);

/// <summary>A catalog table as the cache serves it: its definition, its partitions' files, when it was synced.</summary>
public sealed record CachedTable(CatalogTable Table, IReadOnlyList<CachedPartition> Partitions, DateTimeOffset SyncedAt)
{
    public IEnumerable<CachedFile> Files => Partitions.SelectMany(p => p.Files);

    /// <summary>What the table's view is built from: when it changes, the view is rebuilt. Computed once (a sync compares it).</summary>
    public string ViewSignature { get; } = string.Join('\n', Table.AllColumns.Select(c => $"{c.Name}:{c.HiveType}")
        .Append($"keys:{Table.PartitionKeys.Count}")
        .Concat(Partitions.SelectMany(p => p.Files).Select(f => f.LocalPath).Order(StringComparer.Ordinal)));
}
