using System.Diagnostics;

namespace Lake.Testing;

/// <summary>A process and all its descendants, read from /proc (Linux), so a test can check nothing is left running.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Of(int root)
    {
        var parents = ParentsByPid();
        var result = new List<int> { root };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i]).Select(p => p.Key));
        }

        return result;
    }

    /// <summary>
    /// Waits up to <paramref name="within"/> for every process of <paramref name="pids"/> to end; returns those still
    /// alive, each described by its command line and what the kernel says it waits on (<c>wchan</c>), for the message.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SurvivorsAfterAsync(IReadOnlyList<int> pids, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Any(IsAlive) && deadline.Elapsed < within)
        {
            await Task.Delay(200);
        }

        return [.. pids.Where(IsAlive).Select(pid => $"{pid} ({Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}; waiting in {Read($"/proc/{pid}/wchan")})")];
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !IsZombie(pid);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Dictionary<int, int> ParentsByPid()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1]);
            }
        }

        return parents;
    }

    /// <summary>The fields after the command name of /proc/pid/stat: state, ppid, ...</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    private static bool IsZombie(int pid) => Stat(pid) is ["Z", ..];
}
