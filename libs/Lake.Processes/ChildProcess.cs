using System.Diagnostics;

namespace Lake.Processes;

/// <summary>
/// A child process started by <see cref="ChildProcessLauncher"/>, its output delivered line by line. Stopping it
/// (or its exiting by itself) also stops whatever it left behind in its process group.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StrayGrace = TimeSpan.FromSeconds(2);
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ownsGroup;

    private ChildProcess(Process process) => _process = process;

    public int Id { get; private set; }

    /// <summary>Completes with the exit code once the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts <paramref name="start"/> (arguments in <c>ArgumentList</c>); <paramref name="onLine"/> gets each output line and whether it came from stderr.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<ChildProcess> StartAsync(ProcessStartInfo start, Action<string, bool> onLine)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, isError: true);
        process.Exited += (_, _) => _ = child.OnExitedAsync();
        try
        {
            child._ownsGroup = await ChildProcessLauncher.StartAsync(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        child.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;

        void Forward(string? line, bool isError)
        {
            if (line is not null)
            {
                onLine(line, isError);
            }
        }
    }

    /// <summary>
    /// SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL of its process group and tree. Returns the exit
    /// code. Safe to call on an exited process.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            ProcessSignals.Terminate(_process);
            if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
            {
                if (_ownsGroup)
                {
                    ProcessSignals.SignalGroup(Id, ProcessSignals.SigKill);
                }

                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }
        }

        return await Exited;
    }

    private async Task OnExitedAsync()
    {
        var exitCode = _process.ExitCode;
        if (_ownsGroup)
        {
            await SweepGroupAsync();
        }

        // The output readers finish after the exit event; waiting for them keeps the last lines. A stray that holds
        // the pipes open (swept above, or outside the group) must not hold up the exit.
        using var drained = new CancellationTokenSource(StrayGrace);
        try
        {
            await _process.WaitForExitAsync(drained.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _exited.TrySetResult(exitCode);
    }

    /// <summary>Whatever the process left in its group (a function it ran, a worker it forked) is stopped too.</summary>
    private async Task SweepGroupAsync()
    {
        if (!ProcessSignals.SignalGroup(Id, ProcessSignals.SigTerm))
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StrayGrace && ProcessSignals.SignalGroup(Id, 0))
        {
            await Task.Delay(100);
        }

        ProcessSignals.SignalGroup(Id, ProcessSignals.SigKill);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
