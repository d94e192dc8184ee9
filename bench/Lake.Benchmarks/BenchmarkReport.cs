using System.Globalization;

namespace Lake.Benchmarks;

/// <summary>Medians per side, the ratio b/a (the target is at most 1.3), and where the transform's time goes.</summary>
internal static class BenchmarkReport
{
    private const double Target = 1.3;

    public static void Write(TextWriter output, IReadOnlyList<Measurement> runs, string bare, string transform)
    {
        var a = runs.Where(r => r.Side == bare).ToList();
        var b = runs.Where(r => r.Side == transform).ToList();
        output.WriteLine();
        output.WriteLine($"{"side",-32} {"wall",8} {"cpu",8} {"rows/s",12} {"peak RSS",10}   (medians of {a.Count} runs)");
        foreach (var side in new[] { a, b })
        {
            var wall = Median(side.Select(r => r.Wall.TotalSeconds));
            output.WriteLine(Invariant($"{side[0].Side,-32} {wall,7:F2}s {Median(side.Select(r => r.Cpu.TotalSeconds)),7:F2}s {side[0].Rows / wall,12:N0} {Median(side.Select(r => (double)r.PeakRss)) / 1e6,7:F0} MB"));
        }

        var ratio = Median(b.Select(r => r.Wall.TotalSeconds)) / Median(a.Select(r => r.Wall.TotalSeconds));
        var cpuRatio = Median(b.Select(r => r.Cpu.TotalSeconds)) / Median(a.Select(r => r.Cpu.TotalSeconds));
        output.WriteLine(Invariant($"ratio b/a: {ratio:F2} wall, {cpuRatio:F2} cpu (target <= {Target:F1}: {(ratio <= Target ? "met" : "not met")})"));
        output.WriteLine("transform steps (median s): " + string.Join(", ", b.SelectMany(r => r.Steps.Keys).Distinct()
            .Select(step => Invariant($"{step} {Median(b.Select(r => r.Steps.GetValueOrDefault(step).TotalSeconds)):F2}"))));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
