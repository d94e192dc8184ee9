using System.Text.Json;

namespace Lake.Cli.Connection;

/// <summary>
/// What a running AppHost leaves in its state directory for clients: <c>lake.json</c> (the URLs of its services) and
/// the key files (<c>ingest-api-key</c>, and <c>console-api-key</c> / <c>query-api-key</c> when it keeps them).
/// </summary>
internal sealed class LakeState
{
    public const string FileName = "lake.json";
    private static readonly string[] DefaultLocation = [".lake", "state"];

    private readonly Dictionary<string, string> _values;

    private LakeState(string? directory, Dictionary<string, string> values)
    {
        Directory = directory;
        _values = values;
    }

    /// <summary>Where it was read from; null when no state directory was found.</summary>
    public string? Directory { get; }

    public static LakeState Empty { get; } = new(null, []);

    /// <summary>A string property of <c>lake.json</c> (e.g. <c>ingestApi</c>), or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first line of a key file in the state directory (e.g. <c>ingest-api-key</c>), or null.</summary>
    public string? Key(string fileName)
    {
        var path = Directory is null ? null : Path.Combine(Directory, fileName);
        return path is not null && File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } key ? key : null;
    }

    /// <summary>
    /// Reads the given directory, or else the first <c>.lake/state</c> found from <paramref name="start"/> upwards
    /// (the AppHost's default, under the repository root).
    /// </summary>
    /// <exception cref="LakeConfigurationException">The given directory is missing, or its lake.json is not JSON.</exception>
    public static LakeState Load(string? directory, string start)
    {
        if (directory is not null)
        {
            var full = Path.GetFullPath(directory);
            return System.IO.Directory.Exists(full)
                ? Read(full)
                : throw new LakeConfigurationException($"The state directory {full} does not exist.");
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. DefaultLocation]);
            if (System.IO.Directory.Exists(candidate))
            {
                return Read(candidate);
            }
        }

        return Empty;
    }

    private static LakeState Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new LakeState(directory, []);
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var values = json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase)
                : throw new LakeConfigurationException($"{path} holds no JSON object.");
            return new LakeState(directory, values);
        }
        catch (JsonException e)
        {
            throw new LakeConfigurationException($"{path} is not valid JSON: {e.Message}");
        }
    }
}
