namespace Lake.TransformService.Tests;

/// <summary>New files made from the orders seed files' lines.</summary>
internal static class Seed
{
    /// <summary>Writes <paramref name="lines"/> (the header first) as a CSV file under <paramref name="directory"/>.</summary>
    public static string Write(string directory, string name, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
