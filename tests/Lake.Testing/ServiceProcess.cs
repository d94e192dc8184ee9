using System.Diagnostics;
using System.Text.RegularExpressions;
using Lake.Processes;

namespace Lake.Testing;

/// <summary>
/// A Lake ASP.NET Core service run as a real process from its build output, on a free loopback port.
/// Its address is read from Kestrel's "Now listening on" line; disposing sends SIGTERM and waits.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the service printed so far.</summary>
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

    /// <param name="projectDirectory">e.g. <c>services/Lake.LambdaEmulator</c>; the test project must build it.</param>
    public static async Task<ServiceProcess> StartAsync(string projectDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.BuiltAssembly(projectDirectory));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var service = new ServiceProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        service._process.OutputDataReceived += (_, e) => service.Record(e.Data);
        service._process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        service._process.Exited += (_, _) => service._listening.TrySetException(
            new InvalidOperationException($"{projectDirectory} exited before listening:\n{string.Join('\n', service.Output.TakeLast(30))}"));
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            service.BaseAddress = await service._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until a printed line satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching output within {timeout}. Last lines:\n{string.Join('\n', Output.TakeLast(30))}");
    }

    /// <summary>Stops it as a user's Ctrl+C or an orchestrator's SIGTERM would; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? grace = null)
    {
        await ProcessSignals.StopAsync(_process, grace ?? TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessSignals.StopAsync(_process, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
