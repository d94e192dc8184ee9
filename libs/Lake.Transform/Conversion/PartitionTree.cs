namespace Lake.Transform.Conversion;

/// <summary>Reads the Hive tree DuckDB wrote (<c>col=value/.../file.parquet</c>, values percent-encoded) back into partitions.</summary>
public static class PartitionTree
{
    public static IReadOnlyList<CuratedPartition> Read(string root, IReadOnlyList<string> partitionBy)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        if (partitionBy.Count == 0)
        {
            var files = Files(root, root);
            return files.Count == 0 ? [] : [new CuratedPartition([], "", files)];
        }

        return [.. Directory.EnumerateDirectories(root, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = partitionBy.Count - 1 })
            .Select(dir => Relative(root, dir))
            .Where(path => path.Count('/') == partitionBy.Count - 1)
            .Order(StringComparer.Ordinal)
            .Select(path => new CuratedPartition(Values(path, partitionBy), path, Files(root, Path.Combine(root, path))))];
    }

    private static List<string> Values(string path, IReadOnlyList<string> partitionBy) =>
        [.. path.Split('/').Select((segment, i) =>
        {
            var prefix = $"{partitionBy[i]}=";
            return segment.StartsWith(prefix, StringComparison.Ordinal)
                ? Uri.UnescapeDataString(segment[prefix.Length..])
                : throw new InvalidDataException($"DuckDB wrote partition directory '{path}', expected '{prefix}...' at level {i + 1}");
        })];

    private static List<string> Files(string root, string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.parquet").Select(f => Relative(root, f)).Order(StringComparer.Ordinal)];

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
