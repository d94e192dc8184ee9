using System.Security.Cryptography;
using Lake.AppHost.Hosting;

namespace Lake.AppHost;

/// <summary>
/// What the AppHost keeps between runs, under <c>.lake/state/</c> of the repository (git-ignored) unless
/// <c>AppHost:StateDirectory</c> says otherwise: the emulator's state and the local ingest API key.
/// </summary>
internal sealed record LocalState(string Directory, string IngestApiKey)
{
    private const string KeyFile = "ingest-api-key";

    public static LocalState Prepare(AppHostOptions options)
    {
        var directory = Path.GetFullPath(options.StateDirectory is { Length: > 0 } configured
            ? configured
            : Path.Combine(LakeProjects.RepositoryRoot, ".lake", "state"));
        System.IO.Directory.CreateDirectory(directory);
        return new LocalState(directory, options.IngestApiKey is { Length: > 0 } key ? key : LoadOrCreateKey(directory));
    }

    /// <summary>A key generated on the first run and kept, so scripts and bookmarks keep working.</summary>
    private static string LoadOrCreateKey(string directory)
    {
        var path = Path.Combine(directory, KeyFile);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var key = "lake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
