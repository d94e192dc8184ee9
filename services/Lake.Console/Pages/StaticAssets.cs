using System.Reflection;
using System.Security.Cryptography;

namespace Lake.Console.Pages;

/// <summary>One file the pages load (stylesheet, scripts, page bodies), embedded in this assembly.</summary>
internal sealed record Asset(string Name, byte[] Content, string ContentType, string ETag)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}

/// <summary>The embedded files of <c>Pages/Assets/</c>, read once: the console has no files on disk to lose.</summary>
internal sealed class StaticAssets
{
    private const string Prefix = "Lake.Console.Assets.";
    private readonly Dictionary<string, Asset> _assets;

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    public Asset Get(string name) => Find(name) ?? throw new InvalidOperationException($"The console has no embedded asset '{name}'.");

    private static Asset Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var name = resource[Prefix.Length..];
        return new Asset(name, content, ContentType(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "text/html; charset=utf-8",
    };
}
