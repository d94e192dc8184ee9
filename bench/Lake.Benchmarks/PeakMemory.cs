namespace Lake.Benchmarks;

/// <summary>
/// The process's peak resident set size (Linux <c>VmHWM</c>), reset before each run by writing 5 to
/// <c>/proc/self/clear_refs</c>, so each run's peak is its own although both sides run in one process.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Resets the peak to the current RSS; false where the kernel does not allow it (the peaks then accumulate).</summary>
    public static bool Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak RSS in bytes since the last reset; 0 where /proc is missing.</summary>
    public static long Read()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return 0;
        }

        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
