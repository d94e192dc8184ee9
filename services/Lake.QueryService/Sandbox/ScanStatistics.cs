using System.Globalization;
using System.Text.RegularExpressions;
using Lake.DuckDb;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Bytes scanned, defined as Lake reports it: the sizes of the Parquet files the query's table scans actually opened
/// after partition pruning and file filters, as DuckDB's profile names them (each scan's <c>Filename(s)</c>; a file
/// two scans read counts twice). Like Athena's figure it is 0 for statements that scan no table (DESCRIBE, SHOW).
/// Unlike Athena's it counts whole files, not the column chunks read.
/// </summary>
public sealed partial record ScanStatistics(long BytesScanned, int FilesScanned)
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
        foreach (var scan in profile.Descendants().Where(n => n.Metrics.GetValueOrDefault("OPERATOR_TYPE") == "TABLE_SCAN"))
        {
            foreach (var file in FilesRead(scan.Metrics.GetValueOrDefault("EXTRA_INFO") ?? ""))
            {
                files++;
                bytes += File.Exists(file) ? new FileInfo(file).Length : 0;
            }
        }

        return new ScanStatistics(bytes, files);
    }

    /// <summary>The files a scan's <c>EXTRA_INFO</c> says it read: <c>'Filename(s)'='/a.parquet, /b.parquet'</c>.</summary>
    public static IReadOnlyList<string> FilesRead(string extraInfo)
    {
        if (FileNames().Match(extraInfo) is not { Success: true } match)
        {
            return [];
        }

        var count = TotalFilesRead().Match(extraInfo) is { Success: true } total ? int.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : int.MaxValue;
        var names = (match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\\'", "'", StringComparison.Ordinal) : match.Groups["bare"].Value)
            .Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return count == 0 ? [] : names;
    }

    [GeneratedRegex(@"'Filename\(s\)'=(?:'(?<quoted>(?:[^'\\]|\\.)*)'|(?<bare>[^,}]*))")]
    private static partial Regex FileNames();

    [GeneratedRegex(@"Total Files Read=(\d+)")]
    private static partial Regex TotalFilesRead();
}
