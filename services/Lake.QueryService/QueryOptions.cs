using System.ComponentModel.DataAnnotations;

namespace Lake.QueryService;

/// <summary>The query service's own settings (<c>Query__MaxRows</c>, ...), validated at start.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "Query";

    /// <summary>A size as DuckDB reads one: <c>512MB</c>, <c>2GiB</c>.</summary>
    public const string SizePattern = @"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$";

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

    /// <summary>
    /// Statements run at once (DuckDB connections); more wait for a free one. One of them is the short lane: a
    /// statement that starts while the others are all taken may run there for <see cref="ShortLaneSeconds"/> only.
    /// </summary>
    [Range(2, 64, ErrorMessage = "Query:MaxConcurrentQueries must be 2-64 (one connection is kept for short statements).")]
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>How long a statement may run in the short lane (when every other connection is busy) before it is stopped (422).</summary>
    [Range(1, 3600, ErrorMessage = "Query:ShortLaneSeconds must be 1-3600.")]
    public int ShortLaneSeconds { get; set; } = 5;

    /// <summary>DuckDB's <c>threads</c>.</summary>
    [Range(1, 256, ErrorMessage = "Query:Threads must be 1-256.")]
    public int Threads { get; set; } = 2;

    /// <summary>DuckDB's <c>memory_limit</c>, e.g. <c>1GB</c>; a query needing more is refused.</summary>
    [RegularExpression(SizePattern, ErrorMessage = "Query:MemoryLimit must be a size such as 512MB or 2GiB.")]
    public string MemoryLimit { get; set; } = "1GB";

    /// <summary>DuckDB's <c>max_temp_directory_size</c>: how much a query may spill to disk before it is refused (422).</summary>
    [RegularExpression(SizePattern, ErrorMessage = "Query:MaxTempDirectorySize must be a size such as 512MB or 2GiB.")]
    public string MaxTempDirectorySize { get; set; } = "4GB";

    /// <summary>A result whose values take more memory than this is refused (413), like one over <see cref="MaxRows"/>.</summary>
    [RegularExpression(SizePattern, ErrorMessage = "Query:MaxResultBytes must be a size such as 64MB.")]
    public string MaxResultBytes { get; set; } = "64MB";

    /// <summary>The keys <c>/v1</c> accepts in <c>x-api-key</c> (<c>Query__ApiKeys__0</c>, ...); at least one.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary><see cref="MaxResultBytes"/> in bytes (a method: validation reads every property, before the pattern is checked).</summary>
    public long MaxResultByteCount() => ByteSize.Parse(MaxResultBytes);

    public string ResolvedCacheDirectory =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(CacheDirectory) ? Path.Combine(Path.GetTempPath(), "lake-query-cache") : CacheDirectory);
}
