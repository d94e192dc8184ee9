using System.Globalization;
using Lake.DuckDb;
using Lake.QueryService.Cache;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Files and bytes scanned, defined as Lake reports them. <see cref="FilesScanned"/> is DuckDB's own count, each
/// Parquet scan's <c>Total Files Read</c>: the files of its list (after partition pruning) it went through; a scan a
/// LIMIT stops inside its first file counts 0. <see cref="BytesScanned"/> is the sizes of those files, whole files, not
/// the column chunks read (unlike Athena's figure); a file two scans read counts twice. Both are 0 for statements that
/// scan no table (DESCRIBE, SHOW). DuckDB's profile names at most the first five files of a scan (<c>Filename(s)</c>,
/// then <c>...</c>), so the sizes are exact when it names every file read, or when the scan read its view's files from
/// the first without pruning (the view's list is known); for a pruned scan of more than five files they are
/// <see cref="BytesEstimated">estimated</see>: the named files' sizes plus their mean size for each file not named.
/// </summary>
public sealed record ScanStatistics(long BytesScanned, int FilesScanned, bool BytesEstimated = false)
{
    public static readonly ScanStatistics None = new(0, 0);

    private const string Truncated = "...";

    /// <param name="viewFiles">The files of the view a file belongs to, in the order its <c>read_parquet</c> lists them; null when none.</param>
    public static ScanStatistics From(DuckDbProfile? profile, Func<string, IReadOnlyList<CachedFile>?> viewFiles)
    {
        if (profile is null)
        {
            return None;
        }

        long bytes = 0;
        var files = 0;
        var estimated = false;
        foreach (var scan in profile.Descendants().Where(n => n.OperatorType == "TABLE_SCAN"))
        {
            var read = FilesRead(scan.ExtraInfo);
            if (read == 0)
            {
                continue;
            }

            var (named, complete) = FilesNamed(scan.ExtraInfo);
            files += read;
            if (complete || read <= named.Count)
            {
                bytes += named.Take(read).Sum(SizeOf);
            }
            else if (!IsPruned(scan.ExtraInfo) && viewFiles(named[0]) is { } view && view.Count >= read
                && named.Select((name, i) => view[i].LocalPath == name).All(same => same))
            {
                bytes += view.Take(read).Sum(f => f.Size);
            }
            else
            {
                var sizes = named.Select(SizeOf).ToList();
                bytes += sizes.Count == 0 ? 0 : sizes.Sum() + (long)Math.Round(sizes.Average() * (read - sizes.Count));
                estimated = true;
            }
        }

        return new ScanStatistics(bytes, files, estimated);
    }

    /// <summary>How many files a scan went through: its extra info's <c>Total Files Read</c>, else the files it names.</summary>
    public static int FilesRead(IReadOnlyDictionary<string, string> extraInfo) =>
        extraInfo.TryGetValue("Total Files Read", out var total)
            ? int.Parse(total, CultureInfo.InvariantCulture)
            : FilesNamed(extraInfo).Names.Count;

    /// <summary>
    /// The files a scan's extra info names, in its order (<c>"Filename(s)": "/a.parquet, /b.parquet, ..."</c>), and
    /// whether that is all of them (DuckDB lists the first five, then <c>...</c>).
    /// </summary>
    public static (IReadOnlyList<string> Names, bool Complete) FilesNamed(IReadOnlyDictionary<string, string> extraInfo)
    {
        if (!extraInfo.TryGetValue("Filename(s)", out var text))
        {
            return ([], true);
        }

        var names = text.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 && names[^1] == Truncated ? (names[..^1], false) : (names, true);
    }

    // Partition pruning (File Filters, Scanning Files k/n) or a join's dynamic filter shortened the view's list.
    private static bool IsPruned(IReadOnlyDictionary<string, string> extraInfo) =>
        extraInfo.ContainsKey("Scanning Files") || extraInfo.ContainsKey("File Filters") || extraInfo.ContainsKey("Dynamic Filters");

    private static long SizeOf(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
}
