using System.Globalization;
using Lake.DuckDb;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Bytes scanned, defined as Lake reports it: the sizes of the Parquet files the query's table scans actually opened
/// after partition pruning and file filters, as DuckDB's profile names them (each scan's <c>Filename(s)</c>; a file
/// two scans read counts twice). Like Athena's figure it is 0 for statements that scan no table (DESCRIBE, SHOW).
/// Unlike Athena's it counts whole files, not the column chunks read.
/// </summary>
public sealed record ScanStatistics(long BytesScanned, int FilesScanned)
{
    public static readonly ScanStatistics None = new(0, 0);

    public static ScanStatistics From(DuckDbProfile? profile)
    {
        if (profile is null)
        {
            return None;
        }

        long bytes = 0;
        var files = 0;
        foreach (var scan in profile.Descendants().Where(n => n.OperatorType == "TABLE_SCAN"))
        {
            foreach (var file in FilesRead(scan.ExtraInfo))
            {
                files++;
                bytes += File.Exists(file) ? new FileInfo(file).Length : 0;
            }
        }

        return new ScanStatistics(bytes, files);
    }

    /// <summary>The files a scan's extra info says it read: <c>"Filename(s)": "/a.parquet, /b.parquet"</c>, unless <c>"Total Files Read": "0"</c>.</summary>
    public static IReadOnlyList<string> FilesRead(IReadOnlyDictionary<string, string> extraInfo)
    {
        if (!extraInfo.TryGetValue("Filename(s)", out var names)
            || (extraInfo.TryGetValue("Total Files Read", out var total) && int.Parse(total, CultureInfo.InvariantCulture) == 0))
        {
            return [];
        }

        return names.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
