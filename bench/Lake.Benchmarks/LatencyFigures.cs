using Lake.Testing.Aspire.Bench;
using static Lake.Benchmarks.SuiteFigures;

namespace Lake.Benchmarks;

/// <summary>A latency or burst run's key figures, in seconds (what the table, the last line and the JSON show).</summary>
internal sealed record LatencyFigures(
    string Suite, string Run, DateTimeOffset At, double LoadAverage, int Uploads, int Cataloged, int RowsPerFile,
    double P50, double P95, double Max, double ToValidated, double ValidatedToTransformed, double TransformedToCataloged, double CatalogedToServed,
    long RowsLost, long RowsDoubled, double RowsPerSecond, double Span) : ISuiteFigures
{
    public static LatencyFigures Of(LatencyReport report)
    {
        var done = report.Uploads.Where(u => u.Total is not null).ToList();
        var totals = done.Select(u => u.Total!.Value.TotalSeconds).ToList();
        return new LatencyFigures(report.Suite, report.Run, DateTimeOffset.UtcNow, SuiteFigures.LoadAverage(), report.Uploads.Count, done.Count, report.RowsPerFile,
            Percentile(totals, 0.50), Percentile(totals, 0.95), totals.DefaultIfEmpty(double.NaN).Max(),
            Percentile([.. done.Select(u => u.ToValidated!.Value.TotalSeconds)], 0.50),
            Percentile([.. done.Select(u => u.ValidatedToTransformed!.Value.TotalSeconds)], 0.50),
            Percentile([.. done.Select(u => u.TransformedToCataloged!.Value.TotalSeconds)], 0.50),
            Percentile([.. done.Where(u => u.Served is not null).Select(u => u.CatalogedToServed!.Value.TotalSeconds)], 0.50),
            report.RowsLost, report.RowsDoubled, report.RowsPerSecond, report.Span.TotalSeconds);
    }

    public string Table() => string.Join('\n',
        "| suite | uploads | Cataloged | PUT done → Cataloged p50 | p95 | max | PUT → Validated | Validated → Transformed | Transformed → Cataloged | then → Served | rows lost | rows doubled | rows/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        Invariant($"| {Suite} | {Uploads} | {Cataloged} | {P50:F2} s | {P95:F2} s | {Max:F2} s | {ToValidated:F2} s | {ValidatedToTransformed:F2} s | {TransformedToCataloged:F2} s | {CatalogedToServed:F2} s | {RowsLost} | {RowsDoubled} | {RowsPerSecond:N0} |"),
        "(stage columns: medians; Served: the serving table loaded, after the rows are queryable; rows/s: rows curated from the first PUT to the last Cataloged)");

    public string Line() => Invariant(
        $"{Suite}: {Cataloged}/{Uploads} Cataloged, p50 {P50:F2} s, p95 {P95:F2} s, max {Max:F2} s; split {ToValidated:F2} / {ValidatedToTransformed:F2} / {TransformedToCataloged:F2} s, then served {CatalogedToServed:F2} s; lost {RowsLost}, doubled {RowsDoubled}; {RowsPerSecond:N0} rows/s; load {LoadAverage:F1}");
}
