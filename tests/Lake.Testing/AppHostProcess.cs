using System.Diagnostics;
using System.Text.RegularExpressions;
using Lake.Processes;

namespace Lake.Testing;

/// <summary>
/// The AppHost as a user runs it: a real process from its build output, every port free-picked (0) and its state in
/// a directory of the test's own unless the test says otherwise. Output is kept and the table it prints is read.
/// The test project must build the AppHost (a ProjectReference to <c>AppHost/Lake.AppHost.csproj</c>).
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    public const string RunningLine = "The lake is running";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppHostProcess(Process process) => _process = process;

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
        ["--AppHost:Ports:AwsEmulator=0", "--AppHost:Ports:LambdaEmulator=0", "--AppHost:Ports:IngestApi=0", "--AppHost:Ports:Dashboard=0",
         "--AppHost:Ports:Transform=0", "--AppHost:Ports:Query=0"];

    public static AppHostProcess Start(string stateDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[RepoPaths.BuiltAssembly("AppHost", "Lake.AppHost"), $"--AppHost:StateDirectory={stateDirectory}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

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

        var host = new AppHostProcess(new Process { StartInfo = start });
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

    public Task WaitUntilRunningAsync() => WaitForLineAsync(l => l.Contains(RunningLine, StringComparison.Ordinal), TimeSpan.FromMinutes(3));

    /// <summary>The row of the resource table for <paramref name="resource"/>: its type, state and URL.</summary>
    public (string Type, string State, string Url) Row(string resource)
    {
        var row = Output.Select(l => TableRow().Match(l)).LastOrDefault(m => m.Success && m.Groups["name"].Value == resource)
            ?? throw new InvalidOperationException($"No row for {resource} in:\n{Text}");
        return (row.Groups["type"].Value, row.Groups["state"].Value, row.Groups["url"].Value);
    }

    public Uri Url(string resource) => new(Row(resource).Url);

    /// <summary>The emulator's endpoint, from the table's <c>export AWS_ENDPOINT_URL=...</c> line.</summary>
    public Uri AwsEndpoint => new(AwsEndpointLine().Match(Text).Groups["url"].Value);

    public string IngestApiKey => ApiKeyLine().Match(Text).Groups["key"].Value;

    public AwsCli Cli => new(AwsEndpoint, "us-east-1", "test", "test");

    /// <summary>The process id of the AppHost child whose command line mentions <paramref name="assembly"/>.</summary>
    public int ChildRunning(string assembly) => ProcessTree.Of(Id).Skip(1)
        .FirstOrDefault(pid => CommandLine(pid).Contains(assembly, StringComparison.Ordinal) && ProcessTree.IsAlive(pid)) is var pid and > 0
        ? pid
        : throw new InvalidOperationException($"No running child of the AppHost runs {assembly}.");

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

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
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

    [GeneratedRegex(@"^  (?<name>[a-z][a-z-]+)\s+(?<type>Emulator|Project|Function|Executable|Container|Dashboard)\s+(?<state>\S+)\s*(?<url>\S*)")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"AWS_ENDPOINT_URL=(?<url>\S+)")]
    private static partial Regex AwsEndpointLine();

    [GeneratedRegex(@"x-api-key\): (?<key>\S+)")]
    private static partial Regex ApiKeyLine();
}
