using System.ComponentModel.DataAnnotations;

namespace Lake.QueryService;

/// <summary>The query service's own settings (<c>Query__MaxRows</c>, ...), validated at start.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "Query";

    /// <summary>Where curated Parquet is cached; the only directory queries may read. Unset: <c>{temp}/lake-query-cache</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>A result with more rows than this is refused (413): add a LIMIT or aggregate.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Query:MaxRows must be 1-1000000.")]
    public int MaxRows { get; set; } = 10_000;

    /// <summary>A statement running longer is interrupted and refused (422).</summary>
    [Range(1, 3600, ErrorMessage = "Query:TimeoutSeconds must be 1-3600.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How old the cache's view of the catalog may be before a query syncs it first (0: every query).</summary>
    [Range(0, 86_400, ErrorMessage = "Query:RefreshIntervalSeconds must be 0-86400.")]
    public int RefreshIntervalSeconds { get; set; } = 10;

    /// <summary>Statements run at once; more wait for a free DuckDB connection.</summary>
    [Range(1, 64, ErrorMessage = "Query:MaxConcurrentQueries must be 1-64.")]
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>DuckDB's <c>threads</c>.</summary>
    [Range(1, 256, ErrorMessage = "Query:Threads must be 1-256.")]
    public int Threads { get; set; } = 2;

    /// <summary>DuckDB's <c>memory_limit</c>, e.g. <c>1GB</c>; a query needing more is refused.</summary>
    [RegularExpression(@"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", ErrorMessage = "Query:MemoryLimit must be a size such as 512MB or 2GiB.")]
    public string MemoryLimit { get; set; } = "1GB";

    public string ResolvedCacheDirectory =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(CacheDirectory) ? Path.Combine(Path.GetTempPath(), "lake-query-cache") : CacheDirectory);
}
