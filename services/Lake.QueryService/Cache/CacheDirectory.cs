using Microsoft.Extensions.Options;

namespace Lake.QueryService.Cache;

/// <summary>
/// The directory curated Parquet is cached in, owned by one process at a time (a lock file), laid out as Hive
/// does: <c>{root}/{database}/{table}/{key}={value}/.../{object}.{etag}.parquet</c>, so DuckDB's
/// <c>hive_partitioning</c> reads the partition values from the path.
/// </summary>
public sealed class CacheDirectory : IDisposable
{
    private const string LockFileName = ".lock";
    private readonly FileStream _lock;

    public CacheDirectory(IOptions<QueryOptions> options)
    {
        Root = options.Value.ResolvedCacheDirectory;
        Directory.CreateDirectory(Root);
        try
        {
            _lock = new FileStream(Path.Combine(Root, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new InvalidOperationException(
                $"The query cache directory '{Root}' is in use by another query service (setting Query:CacheDirectory): {error.Message}", error);
        }
    }

    /// <summary>The full path, ending without a separator.</summary>
    public string Root { get; }

    /// <summary>Where DuckDB may spill (inside the only directory it may touch).</summary>
    public string SpillDirectory => Path.Combine(Root, ".spill");

    /// <summary>Where DuckDB writes each query connection's last profile (it writes only where it may read).</summary>
    public string ProfileDirectory => Path.Combine(Root, ".profiles");

    public string TableDirectory(string database, string table) => Path.Combine(Root, database, table);

    /// <summary>
    /// Whether <paramref name="path"/> can go: a cached file no view reads, or a download a stopped sync left behind
    /// (call it only between syncs). The lock file, DuckDB's spill area and its profiles are never obsolete.
    /// </summary>
    public bool IsObsolete(string path, IReadOnlySet<string> used) =>
        !path.StartsWith(SpillDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        && ((path.EndsWith(".parquet", StringComparison.Ordinal) && !used.Contains(path)) || path.EndsWith(".tmp", StringComparison.Ordinal));

    public void Dispose() => _lock.Dispose();
}
