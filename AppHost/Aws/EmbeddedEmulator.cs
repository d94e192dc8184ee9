using System.Globalization;
using Lake.AppHost.Hosting;
using Lake.AppHost.References;

namespace Lake.AppHost.Aws;

/// <summary>
/// The embedded AWS emulator: moto_server, run through <c>lake_moto.py</c>, which loads the services' state from
/// the state directory at start and writes it back when it stops (and every 30 s while busy).
/// </summary>
internal static class EmbeddedEmulator
{
    public const string StateFileName = "moto-state.pickle";
    private static readonly string Launcher = Path.Combine(AppContext.BaseDirectory, "Emulator", "lake_moto.py");

    public static AwsTarget AddEmbeddedEmulator(this LakeAppBuilder builder, string stateDirectory)
    {
        var stateFile = Path.Combine(stateDirectory, StateFileName);
        if (builder.Options.Clean && File.Exists(stateFile))
        {
            File.Delete(stateFile);
        }

        var emulator = builder.AddExecutable("aws-emulator", "Emulator", Python(), AppContext.BaseDirectory)
            .WithHttpEndpoint(builder.Options.Ports.AwsEmulator, "AppHost:Ports:AwsEmulator");
        var endpoint = emulator.Resource.Endpoint("http")!;
        emulator
            .WithArgs(Launcher, "-H", endpoint.Host, "-p", endpoint.Port.ToString(CultureInfo.InvariantCulture), "--state", stateFile)
            .WithHttpHealthCheck("/moto-api/", anyAnswer: true)
            .WithStopGrace(TimeSpan.FromSeconds(60)); // it writes (and fsyncs) the emulator's state as it stops
        return new AwsTarget(AwsMode.Embedded, AwsTargets.EmulatorRegion, endpoint.Url, emulator.Resource);
    }

    /// <summary>
    /// The Python that has moto: <c>LAKE_MOTO_PYTHON</c>, else the interpreter named in <c>moto_server</c>'s
    /// <c>#!</c> line (a pip or pipx install), else <c>python3</c>.
    /// </summary>
    private static string Python()
    {
        if (Environment.GetEnvironmentVariable("LAKE_MOTO_PYTHON") is { Length: > 0 } configured)
        {
            return configured;
        }

        var server = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "moto_server")).FirstOrDefault(File.Exists);
        var shebang = server is null ? null : File.ReadLines(server).FirstOrDefault();
        return shebang is not null && shebang.StartsWith("#!/", StringComparison.Ordinal) && shebang.Contains("python", StringComparison.Ordinal)
            && !shebang.Contains(' ', StringComparison.Ordinal)
            ? shebang[2..]
            : "python3";
    }
}
