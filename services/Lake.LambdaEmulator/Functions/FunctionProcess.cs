using System.Diagnostics;
using Lake.Processes;

namespace Lake.LambdaEmulator.Functions;

/// <summary>
/// One execution environment: keeps a function's process running, restarting it with backoff when it
/// exits, and replacing it on demand (after a timeout).
/// </summary>
internal sealed class FunctionProcess(FunctionRuntime function, int slot, Func<string, IReadOnlyDictionary<string, string>> environmentFor, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private Process? _current;

    /// <summary>The id of the current instance, part of its Runtime API address.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>How many times the process has been (re)started.</summary>
    public int Starts { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stopping.IsCancellationRequested)
        {
            Instance = $"{slot}-{++Starts}";
            var started = Stopwatch.StartNew();
            var exitCode = await RunOnceAsync(stopping);
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            function.InstanceExited(Instance, exitCode);
            backoff = started.Elapsed > MaxBackoff ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            logger.LogWarning("{Function}: process {Instance} exited with {ExitCode}; restarting in {Backoff}", function.Name, Instance, exitCode, backoff);
            try
            {
                await Task.Delay(backoff, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Stops the current process (it is then restarted), as Lambda replaces a timed-out environment.</summary>
    public void Replace(string instance)
    {
        if (instance == Instance && _current is { } process)
        {
            _ = ProcessSignals.StopAsync(process, TimeSpan.FromSeconds(1));
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken stopping)
    {
        var options = function.Options;
        var start = new ProcessStartInfo(options.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        options.Arguments.ForEach(start.ArgumentList.Add);
        foreach (var (key, value) in environmentFor(Instance))
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            logger.LogError("{Function}: cannot start '{Command}': {Error}", function.Name, options.Command, ex.Message);
            return 127;
        }

        _current = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(stopping);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await ProcessSignals.StopAsync(process, TimeSpan.FromSeconds(5));
            return -1;
        }
        finally
        {
            _current = null;
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            logger.LogInformation("[{Function} {Instance}] {Line}", function.Name, Instance, line);
        }
    }
}
