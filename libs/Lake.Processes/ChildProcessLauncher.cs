using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lake.Processes;

/// <summary>
/// Starts child processes so that none outlives its parent: on Linux each child gets its own session and process
/// group (<c>setsid</c>: the terminal's Ctrl+C reaches only the parent, which stops children in order, and a
/// child's strays can be swept by group) and a parent-death signal (<c>setpriv --pdeathsig TERM</c>: even a
/// SIGKILLed parent's children are told to stop). Both come from util-linux; without them a child starts plainly.
/// </summary>
/// <remarks>
/// The kernel sends the parent-death signal when the <em>thread</em> that forked the child ends, not the process,
/// so every child is started from one dedicated thread that lives as long as the process.
/// </remarks>
public static class ChildProcessLauncher
{
    private static readonly BlockingCollection<Action> Requests = [];
    private static readonly Lazy<Isolation?> Tools = new(FindTools);

    static ChildProcessLauncher()
    {
        var thread = new Thread(() =>
        {
            foreach (var request in Requests.GetConsumingEnumerable())
            {
                request();
            }
        })
        {
            IsBackground = true,
            Name = "Lake child process launcher",
        };
        thread.Start();
    }

    /// <summary>Whether children get their own process group and a parent-death signal on this machine.</summary>
    public static bool IsolatesChildren => Tools.Value is not null;

    /// <summary>
    /// Starts <paramref name="process"/> (its <see cref="Process.StartInfo"/> set, <c>UseShellExecute</c> false) from
    /// the launcher thread, wrapped in <c>setsid</c> and <c>setpriv --pdeathsig TERM</c> where available.
    /// Returns whether the process is the leader of its own process group.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task<bool> StartAsync(Process process)
    {
        if (process.StartInfo.Arguments.Length > 0)
        {
            throw new ArgumentException("Pass arguments through StartInfo.ArgumentList, so they can be wrapped unchanged.", nameof(process));
        }

        var isolated = Tools.Value is { } tools;
        if (isolated)
        {
            Wrap(process.StartInfo, Tools.Value!);
        }

        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add(() =>
        {
            try
            {
                process.Start();
                started.SetResult(isolated);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        });
        return started.Task;
    }

    private static void Wrap(ProcessStartInfo start, Isolation tools)
    {
        string[] original = [start.FileName, .. start.ArgumentList];
        start.FileName = tools.Setsid;
        start.ArgumentList.Clear();
        foreach (var argument in (string[])[tools.Setpriv, "--pdeathsig", "TERM", "--", .. original])
        {
            start.ArgumentList.Add(argument);
        }
    }

    private static Isolation? FindTools()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var setsid = ExecutableLocator.Find("setsid");
        var setpriv = ExecutableLocator.Find("setpriv");
        return setsid is not null && setpriv is not null ? new Isolation(setsid, setpriv) : null;
    }

    private sealed record Isolation(string Setsid, string Setpriv);
}
