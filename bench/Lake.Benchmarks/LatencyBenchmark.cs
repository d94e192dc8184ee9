using System.CommandLine;
using Lake.Testing.Aspire.Bench;

namespace Lake.Benchmarks;

/// <summary>
/// <c>latency</c>: the lake started from the AppHost as the tests start it, N 1,000-row orders files PUT through the
/// ingest API one after another (each waited final); <c>burst</c>: N such files PUT at once. Each prints PUT done →
/// Cataloged p50/p95/max, the stage split, rows lost/doubled and rows/s as a table, one line of key figures, and writes
/// them as JSON under bench/results/. Exit 1 when an upload was not Cataloged or a row was lost or doubled.
/// </summary>
internal static class LatencyBenchmark
{
    public static Command Latency()
    {
        var uploads = new Option<int>("--uploads") { Description = "Files PUT one after another, each waited done (Cataloged and Served)", DefaultValueFactory = _ => 30 };
        var command = new Command("latency", "PUT done → Cataloged of single 1,000-row uploads, one at a time.") { uploads };
        command.SetAction((parse, cancellationToken) => RunAsync((run, token) => run.SequentialAsync(parse.GetValue(uploads), token), cancellationToken));
        return command;
    }

    public static Command Burst()
    {
        var files = new Option<int>("--files") { Description = "Files PUT at once", DefaultValueFactory = _ => 100 };
        var command = new Command("burst", "N 1,000-row files PUT at once: all Cataloged, none lost or doubled, p95 and rows/s.") { files };
        command.SetAction((parse, cancellationToken) => RunAsync((run, token) => run.BurstAsync(parse.GetValue(files), token), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(Func<LatencyRun, CancellationToken, Task<LatencyReport>> measure, CancellationToken cancellationToken) =>
        LakeSuite.RunAsync(async (lake, log, token) =>
        {
            var report = await measure(new LatencyRun(lake, log), token);
            return (LatencyFigures.Of(report), report.Clean);
        }, cancellationToken);
}
