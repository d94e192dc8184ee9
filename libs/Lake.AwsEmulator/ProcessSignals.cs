using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lake.AwsEmulator;

internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
