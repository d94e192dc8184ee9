using Lake.Cli.Api;

namespace Lake.Cli.Uploads;

/// <summary>
/// Which dataset each file goes to: <c>--dataset</c> when given (checked against the ingest API's list), else the
/// dataset named by a directory of the file's path or its name's first word (<c>seed-data/orders/...</c>,
/// <c>orders-2024-01.csv</c>), else the only dataset there is.
/// </summary>
internal static class DatasetChoice
{
    public static async Task<IReadOnlyList<string>> ForAsync(IngestClient ingest, IReadOnlyList<string> files, string? dataset, CancellationToken cancellationToken)
    {
        var known = (await ingest.DatasetsAsync(cancellationToken)).Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        if (dataset is not null)
        {
            return known.Contains(dataset, StringComparer.Ordinal)
                ? [.. files.Select(_ => dataset)]
                : throw new UsageException($"the lake has no dataset '{dataset}': use {Names(known)}");
        }

        var chosen = new List<string>();
        var unknown = new List<string>();
        foreach (var file in files)
        {
            if (Infer(file, known) is { } name)
            {
                chosen.Add(name);
            }
            else
            {
                unknown.Add(Path.GetFileName(file));
            }
        }

        return unknown.Count == 0
            ? chosen
            : throw new UsageException($"which dataset for {string.Join(", ", unknown)}? pass --dataset ({Names(known)})");
    }

    public static string? Infer(string file, IReadOnlyList<string> known)
    {
        var full = Path.GetFullPath(file);
        var directories = (Path.GetDirectoryName(full) ?? "").Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var firstWord = Path.GetFileNameWithoutExtension(full).Split('-', '_', '.')[0];
        return known.FirstOrDefault(d => string.Equals(d, firstWord, StringComparison.OrdinalIgnoreCase))
            ?? directories.Reverse().Select(dir => known.FirstOrDefault(d => string.Equals(d, dir, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(d => d is not null)
            ?? (known.Count == 1 ? known[0] : null);
    }

    private static string Names(IReadOnlyList<string> known) =>
        known.Count == 0 ? "the lake has no datasets" : "one of: " + string.Join(", ", known);
}

/// <summary>The command line asked for something that cannot be: the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
