using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lake.Processes;

/// <summary>Stopping child processes so that nothing is left behind.</summary>
public static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Asks a process to stop (SIGTERM on Unix); on Windows there is no polite signal, so it is killed.</summary>
    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        _ = Kill(process.Id, SigTerm);
    }

    /// <summary>
    /// SIGTERM, up to <paramref name="grace"/> to exit, then a kill of the whole process tree (a shim or
    /// reloader may have children). Returns when the process has exited. Safe on an exited process.
    /// </summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            Terminate(process);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to every process in the process group <paramref name="groupId"/> (0 only
    /// checks that one exists). False when the group is empty or this is not Unix.
    /// </summary>
    public static bool SignalGroup(int groupId, int signal) =>
        !OperatingSystem.IsWindows() && groupId > 1 && Kill(-groupId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
