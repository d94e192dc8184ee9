using Lake.Testing;

namespace Lake.TransformService.Tests;

/// <summary>The orders seed files, and new files made from their lines.</summary>
internal static class Seed
{
    public static string File(params string[] path) => Path.Combine([RepoPaths.Root, "seed-data", "orders", .. path]);

    /// <summary>Writes <paramref name="lines"/> (the header first) as a CSV file under <paramref name="directory"/>.</summary>
    public static string Write(string directory, string name, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
