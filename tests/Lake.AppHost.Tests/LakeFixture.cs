using Lake.Configuration;
using Lake.Testing;

namespace Lake.AppHost.Tests;

/// <summary>
/// One lake run by a real AppHost process for a class of tests: seeded, every resource name prefixed (so the wiring
/// of <c>Lake__*</c> is what makes it work), its telemetry sent to an OTLP recorder.
/// </summary>
public sealed class LakeFixture : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("lake-apphost-").FullName;

    public LakeOptions Lake { get; } = TestLake.OptionsFor(TestNames.Unique("host"));

    public OtlpRecorder Telemetry { get; } = new();

    internal AppHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string[] arguments =
        [
            .. AppHostProcess.FreePorts, "--seed", $"--AppHost:OtlpEndpoint={Telemetry.Endpoint.ToString().TrimEnd('/')}",
            .. LakeEnvironment.Of(Lake).Select(e => $"--{e.Key.Replace("__", ":", StringComparison.Ordinal)}={e.Value}"),
        ];
        Host = AppHostProcess.Start(_state, arguments);
        await Host.WaitUntilRunningAsync();
    }

    /// <summary>The seeder's last line, once it has printed it (tests that disturb the lake wait for it first).</summary>
    internal Task<string> SeedDoneAsync() =>
        Host.WaitForLineAsync(l => l.Contains("seed: done", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Telemetry.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
