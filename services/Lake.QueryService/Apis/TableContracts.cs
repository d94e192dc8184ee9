using Lake.QueryService.Cache;

namespace Lake.QueryService.Apis;

/// <summary>A column: its catalog (Hive) type and the DuckDB type queries see.</summary>
public sealed record ColumnResponse(string Name, string Type, string DuckDbType);

/// <summary>A table as <c>GET /v1/tables</c> lists it.</summary>
public sealed record TableSummary(
    string Database, string Name, string QualifiedName, string Location,
    IReadOnlyList<ColumnResponse> Columns, IReadOnlyList<ColumnResponse> PartitionKeys,
    int PartitionCount, int FileCount, long Bytes, DateTimeOffset SyncedAt)
{
    public static TableSummary From(CachedTable cached)
    {
        var table = cached.Table;
        return new TableSummary(
            table.Database, table.Name, table.QualifiedName, table.Location.ToString(),
            [.. table.Columns.Select(c => new ColumnResponse(c.Name, c.HiveType, c.DuckDbType))],
            [.. table.PartitionKeys.Select(c => new ColumnResponse(c.Name, c.HiveType, c.DuckDbType))],
            cached.Partitions.Count, cached.Files.Count(), cached.Files.Sum(f => f.Size), cached.SyncedAt);
    }
}

/// <summary>A cached object of a partition.</summary>
public sealed record FileResponse(string Key, string ETag, long Size);

/// <summary>A registered partition and its objects.</summary>
public sealed record PartitionResponse(IReadOnlyList<string> Values, string Location, IReadOnlyList<FileResponse> Files);

/// <summary>A table as <c>GET /v1/tables/{name}</c> shows it: the summary and every partition.</summary>
public sealed record TableDetail(TableSummary Table, IReadOnlyList<PartitionResponse> Partitions)
{
    public static TableDetail From(CachedTable cached) => new(
        TableSummary.From(cached),
        [.. cached.Partitions.Select(p => new PartitionResponse(p.Values, p.Location.ToString(), [.. p.Files.Select(f => new FileResponse(f.Key, f.ETag, f.Size))]))]);
}
