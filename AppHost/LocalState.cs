using System.Security.Cryptography;
namespace Lake.AppHost;

/// <summary>
/// What the AppHost keeps between runs, under <c>.lake/state/</c> of the repository (git-ignored) unless
/// <c>AppHost:StateDirectory</c> says otherwise: the emulator's state, the ingest API's, the query service's and the console's keys, the secret the services'
/// emulator keys derive from, and
/// <c>lake.json</c> (where everything listens, for the <c>lake</c> CLI).
/// </summary>
internal sealed record LocalState(string Directory, string IngestApiKey, string ConsoleKey, string QueryApiKey, string EmulatorSecret)
{
    public const string IngestKeyFile = "ingest-api-key";
    public const string ConsoleKeyFile = "console-api-key";
    public const string QueryKeyFile = "query-api-key";
    public const string EmulatorSecretFile = "emulator-secret";
    public const string EndpointsFile = "lake.json";
    public const string EmulatorStateFile = "moto-state.pickle";

    public string EmulatorState => Path.Combine(Directory, EmulatorStateFile);

    public static LocalState Prepare(AppHostOptions options, string repositoryRoot)
    {
        var directory = Path.GetFullPath(options.StateDirectory is { Length: > 0 } configured
            ? configured
            : Path.Combine(repositoryRoot, ".lake", "state"));
        System.IO.Directory.CreateDirectory(directory);
        var state = new LocalState(
            directory,
            options.IngestApiKey is { Length: > 0 } key ? key : LoadOrCreateKey(directory, IngestKeyFile),
            options.ConsoleKey is { Length: > 0 } console ? console : LoadOrCreateKey(directory, ConsoleKeyFile),
            LoadOrCreateKey(directory, QueryKeyFile),
            LoadOrCreateKey(directory, EmulatorSecretFile));
        if (options.Clean)
        {
            // lake_moto.py keeps one file per service next to the state file (moto-state.s3.pickle, ...) and moto-state.journal
            foreach (var file in System.IO.Directory.EnumerateFiles(directory, Path.GetFileNameWithoutExtension(EmulatorStateFile) + ".*"))
            {
                File.Delete(file);
            }
        }

        File.Delete(Path.Combine(directory, EndpointsFile)); // written again once the lake is up
        return state;
    }

    /// <summary>A key generated on the first run and kept, so scripts and bookmarks keep working.</summary>
    private static string LoadOrCreateKey(string directory, string file)
    {
        var path = Path.Combine(directory, file);
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
