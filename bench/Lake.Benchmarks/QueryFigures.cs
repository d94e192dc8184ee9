using Lake.Testing.Aspire.Bench;
using static Lake.Benchmarks.SuiteFigures;

namespace Lake.Benchmarks;

/// <summary>
/// One statement's figures in milliseconds: the first repetition (cold) apart, p50/p95 over the others; HTTP is the
/// client's stopwatch, service the answer's <c>elapsedMs</c>, bare the same statement on a bare DuckDB, sandboxed on a
/// DuckDB in the bench's process set up as the service's; the ratios are service p50 / bare p50 and sandboxed p50 /
/// bare p50.
/// </summary>
internal sealed record StatementFigures(
    string Statement, string Sql, long FilesScanned, long BytesScanned, double HttpCold, double ServiceCold, double BareCold,
    double HttpP50, double HttpP95, double ServiceP50, double ServiceP95, double BareP50, double BareP95, double SandboxedP50, double SandboxedP95,
    double ServiceToBare, double SandboxedToBare, bool ResultsAgree)
{
    public static StatementFigures Of(StatementTiming timing)
    {
        static IReadOnlyList<double> Warm(IReadOnlyList<double> times) => [.. times.Skip(1)];
        var (http, service, bare, sandboxed) = (Warm(timing.HttpMs), Warm(timing.ServiceMs), Warm(timing.BareMs), Warm(timing.SandboxedMs));
        return new StatementFigures(timing.Name, timing.Sql, timing.FilesScanned, timing.BytesScanned, timing.HttpMs[0], timing.ServiceMs[0], timing.BareMs[0],
            Percentile(http, 0.50), Percentile(http, 0.95), Percentile(service, 0.50), Percentile(service, 0.95), Percentile(bare, 0.50), Percentile(bare, 0.95),
            Percentile(sandboxed, 0.50), Percentile(sandboxed, 0.95),
            Percentile(service, 0.50) / Percentile(bare, 0.50), Percentile(sandboxed, 0.50) / Percentile(bare, 0.50), timing.Agree);
    }

    public string Row() => Invariant(
        $"| {Statement} | {FilesScanned} | {HttpCold:F1} / {ServiceCold:F1} / {BareCold:F1} | {HttpP50:F1} | {HttpP95:F1} | {ServiceP50:F1} | {ServiceP95:F1} | {BareP50:F1} | {BareP95:F1} | {SandboxedP50:F1} | {SandboxedP95:F1} | **{ServiceToBare:F2}** | {SandboxedToBare:F2} | {(ResultsAgree ? "yes" : "NO")} |");
}

/// <summary>A query run's key figures (what the table, the last line and the JSON show).</summary>
internal sealed record QueryFigures(
    string Suite, string Run, DateTimeOffset At, double LoadAverage, long Rows, int Partitions, int Files, long Bytes, int Repetitions,
    double GenerateSeconds, double PublishSeconds, double CatalogSeconds, double RefreshSeconds,
    StatementFigures Pruned, StatementFigures Scan, long RunRowsCounted, bool Clean) : ISuiteFigures
{
    public static QueryFigures Of(QueryReport report, int repetitions)
    {
        var table = report.Table;
        return new QueryFigures("query", table.Run, DateTimeOffset.UtcNow, SuiteFigures.LoadAverage(), table.Rows, table.Partitions, table.Files, table.Bytes, repetitions,
            table.Generate.TotalSeconds, table.Publish.TotalSeconds, table.Catalog.TotalSeconds, report.Refresh.TotalSeconds,
            StatementFigures.Of(report.Pruned), StatementFigures.Of(report.Scan), report.RunRows, report.Clean);
    }

    public string Table() => string.Join('\n',
        Invariant($"{Rows:N0} rows, {Partitions} partitions, {Files} files, {Bytes / 1e6:0.0} MB; generated {GenerateSeconds:0.0} s, published {PublishSeconds:0.0} s, cataloged {CatalogSeconds:0.0} s, refresh (cache) {RefreshSeconds:0.0} s"),
        "",
        "| statement | files scanned | cold: HTTP / service / bare | HTTP p50 | HTTP p95 | service p50 | service p95 | bare p50 | bare p95 | sandboxed p50 | sandboxed p95 | service / bare p50 | sandboxed / bare p50 | results agree |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        Pruned.Row(),
        Scan.Row(),
        Invariant($"(ms; p50/p95 over repetitions 2-{Repetitions}; the run's rows counted by the service: {RunRowsCounted:N0} of {Rows:N0})"));

    public string Line() => Invariant(
        $"query: {Rows:N0} rows, {Files} files; pruned p50 {Pruned.ServiceP50:F1} ms service / {Pruned.HttpP50:F1} ms HTTP (p95 {Pruned.ServiceP95:F1} / {Pruned.HttpP95:F1}); scan p50 {Scan.ServiceP50:F1} ms service / {Scan.HttpP50:F1} ms HTTP vs {Scan.BareP50:F1} ms bare ({Scan.ServiceToBare:F2}x; pruned {Pruned.ServiceToBare:F2}x; sandboxed in-process {Scan.SandboxedToBare:F2}x / {Pruned.SandboxedToBare:F2}x); {(Clean ? "results agree" : "RESULTS DIFFER")}; load {LoadAverage:F1}");
}
