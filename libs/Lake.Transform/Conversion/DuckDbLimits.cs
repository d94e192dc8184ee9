using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Lake.Transform.Conversion;

/// <summary>
/// DuckDB's resources for one conversion: it holds at most <see cref="MemoryLimit"/> and spills the rest to the
/// work directory. The buffers DuckDB does not spill — the CSV reader's and the partitioned writer's — are sized
/// from the limit, so a file many times the limit still converts.
/// </summary>
/// <param name="MemoryLimit">DuckDB's <c>memory_limit</c>, e.g. <c>1GiB</c> or <c>64MB</c> (DuckDB's units: KB = 1000 B, KiB = 1024 B).</param>
/// <param name="Threads">DuckDB's <c>threads</c>.</param>
public sealed partial record DuckDbLimits(string MemoryLimit, int Threads)
{
    private const long Mebibyte = 1L << 20;

    /// <summary>The limit in bytes.</summary>
    /// <exception cref="FormatException">It is not a number followed by B, KB, MB, GB, TB, KiB, MiB, GiB or TiB.</exception>
    public long MemoryLimitBytes
    {
        get
        {
            var match = Size().Match(MemoryLimit);
            if (!match.Success)
            {
                throw new FormatException($"'{MemoryLimit}' is not a memory size such as 512MB or 2GiB");
            }

            var unit = match.Groups[2].Value.ToUpperInvariant();
            var scale = unit.EndsWith("IB", StringComparison.Ordinal) ? 1024d : 1000d;
            var power = "BKMGT".IndexOf(unit[0], StringComparison.Ordinal);
            return (long)(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * Math.Pow(scale, power));
        }
    }

    /// <summary>
    /// A DuckDB.NET connection string for a private in-memory database with these limits, spilling into
    /// <paramref name="tempDirectory"/> (each <c>:memory:</c> connection opens a database of its own).
    /// </summary>
    public string ConnectionString(string tempDirectory) => new DuckDBConnectionStringBuilder
    {
        DataSource = DuckDBConnectionStringBuilder.InMemoryDataSource,
        MemoryLimit = MemoryLimit,
        Threads = Threads,
        TempDirectory = tempDirectory,
    }.ConnectionString;

    /// <summary>The CSV reader's buffer: DuckDB's 32 MiB default, less under a small limit (never under 4 MiB).</summary>
    public long CsvBufferSize => Math.Clamp(MemoryLimitBytes / 16, 4 * Mebibyte, 32 * Mebibyte);

    /// <summary>Rows the partitioned writer buffers before it flushes: DuckDB's default, fewer under a small limit.</summary>
    public long PartitionFlushRows => Math.Clamp(MemoryLimitBytes / 640, 8_192, 524_288);

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}
