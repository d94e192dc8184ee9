using System.ComponentModel;
using System.Diagnostics;

namespace Lake.AppHost.Aws;

/// <summary>Finds a container engine whose daemon answers (docker, then podman), without hanging when none does.</summary>
internal static class ContainerEngine
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <returns>The engine's path, or null and what each candidate said.</returns>
    public static async Task<(string? Path, string Reason)> FindAsync(CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var name in (string[])["docker", "podman"])
        {
            var (answers, reason) = await ProbeAsync(name, cancellationToken);
            if (answers)
            {
                return (name, "");
            }

            reasons.Add($"{name}: {reason}");
        }

        return (null, string.Join("; ", reasons));
    }

    private static async Task<(bool Answers, string Reason)> ProbeAsync(string engine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(engine, ["info"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return (false, "not installed");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (false, $"no answer within {Patience.TotalSeconds:0}s");
            }

            var said = (await stderr).Trim().Split('\n').LastOrDefault(l => l.Length > 0)?.Trim();
            return process.ExitCode == 0 ? (true, "") : (false, said ?? $"exit code {process.ExitCode}");
        }
    }
}
