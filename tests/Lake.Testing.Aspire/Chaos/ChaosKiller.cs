using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace Lake.Testing.Aspire.Chaos;

/// <summary>
/// SIGKILLs one of a running lake's processes (found in /proc by what runs and by this lake's own raw bucket or state
/// directory, so another lake on the machine is never touched) and waits until the AppHost's restart policy has it
/// healthy again. The Lambda emulator dies with its function processes.
/// </summary>
public sealed class ChaosKiller(AspireLake lake)
{
    /// <summary>What a chaos run kills: Aspire's resource name.</summary>
    public static readonly string[] Targets = ["transform", "lambda-emulator", "ingest-api", "aws-emulator"];

    public async Task<IReadOnlyList<int>> KillAsync(string resource, CancellationToken cancellationToken)
    {
        var root = resource switch
        {
            "transform" => ServicePid("Lake.TransformService"),
            "lambda-emulator" => ServicePid("Lake.LambdaEmulator"),
            "ingest-api" => ServicePid("Lake.IngestApi"),
            "aws-emulator" => Find(c => c.Contains("lake_moto.py", StringComparison.Ordinal) && c.Contains(lake.StateDirectory, StringComparison.Ordinal), _ => true),
            _ => throw new ArgumentException($"No chaos target {resource}.", nameof(resource)),
        };
        var tree = resource == "lambda-emulator" ? ProcessTree.Of(root) : [root];
        foreach (var pid in tree)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL: no handler runs
            }
            catch (ArgumentException)
            {
            }
        }

        using var back = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        back.CancelAfter(TimeSpan.FromMinutes(5));
        await lake.Notifications.WaitForResourceAsync(resource, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), back.Token);
        await lake.Notifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, back.Token);
        return tree;
    }

    private int ServicePid(string assembly) => Find(
        c => c.Contains($"{assembly}/bin/", StringComparison.Ordinal) && !c.Contains("run\0--project", StringComparison.Ordinal),
        e => e.Contains($"Lake__Buckets__Raw={lake.Options.Buckets.Raw}\0", StringComparison.Ordinal));

    private static int Find(Func<string, bool> commandLine, Func<string, bool> environment)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName))
        {
            if (!int.TryParse(dir, out var pid) || !ProcessTree.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (commandLine(File.ReadAllText($"/proc/{pid}/cmdline")) && environment(File.ReadAllText($"/proc/{pid}/environ")))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException("The process to kill is not running.");
    }
}
