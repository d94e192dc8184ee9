using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Processes;

namespace Lake.Testing.Aspire;

/// <summary>
/// The AppHost as a user runs it: a real process from its build output with its <c>http</c> launch profile's settings
/// (<c>ASPIRE_ALLOW_UNSECURED_TRANSPORT</c>, dashboard, OTLP and resource-service URLs), every port free-picked, its
/// state in a directory of the test's own. The Aspire dashboard runs only this way. Output is kept; the summary it
/// prints and <c>lake.json</c> are read.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    public const string RunningLine = "The lake is running";
    private readonly Process _process;
    private readonly string _state;
    private readonly List<string> _output = [];

    private AppHostProcess(Process process, string state) => (_process, _state) = (process, state);

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public string Text => string.Join('\n', Output);

    public static string[] FreePorts =>
        ["--AppHost:Ports:AwsEmulator=0", "--AppHost:Ports:LambdaEmulator=0", "--AppHost:Ports:IngestApi=0",
         "--AppHost:Ports:Transform=0", "--AppHost:Ports:Query=0", "--AppHost:Ports:Console=0"];

    /// <summary>The dotnet host by its full path: env looks a bare name up in the child's PATH, which a test may empty.</summary>
    private static string DotnetHost =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";

    public static AppHostProcess Start(string stateDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // As a terminal starts it: Ctrl+C (SIGINT) handled. A runner started in the background of a script (CI) ignores
        // SIGINT, and an ignored signal is inherited, so env (coreutils) resets it before it execs dotnet (same pid).
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--default-signal=INT", DotnetHost, RepoPaths.BuiltAssembly("AppHost", "Lake.AppHost"), $"--AppHost:StateDirectory={stateDirectory}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The http launch profile (AppHost/Properties/launchSettings.json), on free ports.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var host = new AppHostProcess(new Process { StartInfo = start }, stateDirectory);
        host._process.OutputDataReceived += (_, e) => host.Record(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for a printed line matching <paramref name="predicate"/>; fails early, with the output, if the AppHost exits.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Output.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                if (Output.FirstOrDefault(predicate) is { } last)
                {
                    return last;
                }

                throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode}:\n{Text}");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No such line within {timeout}:\n{Text}");
    }

    /// <summary>Waits for the exit and for everything it printed to be read.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Until the summary is printed: every resource healthy.</summary>
    public async Task WaitUntilRunningAsync()
    {
        await WaitForLineAsync(l => l.Contains(RunningLine, StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        await WaitForLineAsync(l => l.Contains("  endpoints: ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    /// <summary><c>lake.json</c>: <c>ingestApi</c>, <c>query</c>, <c>console</c>, <c>dashboard</c>, <c>awsEndpoint</c>.</summary>
    public Uri Url(string key)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_state, "lake.json")));
        return new Uri(json.RootElement.GetProperty(key).GetString()!);
    }

    /// <summary>The dashboard's login link from the summary (<c>/login?t=...</c>).</summary>
    public Uri DashboardLogin => new(DashboardLine().Match(Text).Groups["url"].Value);

    public string IngestApiKey => ApiKeyLine().Match(Text).Groups["key"].Value;

    public AwsCli Cli => new(Url("awsEndpoint"), "us-east-1", "test", "test");

    public async Task<int> StopAsync()
    {
        await ProcessSignals.StopAsync(_process, TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        await ProcessSignals.StopAsync(_process, TimeSpan.FromSeconds(60));
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    [GeneratedRegex(@"^  dashboard\s+(?<url>\S+)", RegexOptions.Multiline)]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"API key: (?<key>\S+)")]
    private static partial Regex ApiKeyLine();
}
