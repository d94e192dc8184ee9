using System.Globalization;

namespace Lake.Benchmarks;

/// <summary>A suite run's key figures: what its table and its last line show, and (serialized as they are) its JSON.</summary>
internal interface ISuiteFigures
{
    string Suite { get; }

    string Table();

    string Line();
}

/// <summary>What the suites' figures are computed and written with.</summary>
internal static class SuiteFigures
{
    /// <summary>Nearest rank; NaN for no values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The 1-minute load average (Linux), to read the figures by; NaN elsewhere.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
