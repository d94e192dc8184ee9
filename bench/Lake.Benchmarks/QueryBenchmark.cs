using System.CommandLine;
using Lake.Testing.Aspire.Bench;

namespace Lake.Benchmarks;

/// <summary>
/// <c>query</c>: the lake started from the AppHost as the tests start it, an N-row orders table generated into the
/// curated layout and catalog, then a partition-pruned aggregate and a full-scan aggregate timed over HTTP and inside
/// the service, next to a bare DuckDB over the same cached files. Prints the table, one line of key figures, writes
/// them as JSON under bench/results/. Exit 1 when the service's results differ from bare DuckDB's or the table does not
/// hold exactly the generated rows.
/// </summary>
internal static class QueryBenchmark
{
    public static Command Command()
    {
        var rows = new Option<long>("--rows") { Description = "Rows of the generated orders table (365 daily partitions)", DefaultValueFactory = _ => 10_000_000 };
        var repetitions = new Option<int>("--repetitions") { Description = "Runs of each statement on each side; the first is reported as cold", DefaultValueFactory = _ => 20 };
        var command = new Command("query", "A partition-pruned and a full-scan aggregate over an N-row orders table, service against bare DuckDB.") { rows, repetitions };
        // Checked in the action, where the options' defaults apply (a command validator saw 0 for an option not given).
        command.SetAction((parse, cancellationToken) =>
        {
            var (rowCount, runs) = (parse.GetValue(rows), parse.GetValue(repetitions));
            if (runs < 2 || rowCount < GeneratedOrders.Days)
            {
                Console.Error.WriteLine($"--repetitions must be at least 2 (the first is cold) and --rows at least {GeneratedOrders.Days} (one per day).");
                return Task.FromResult(2);
            }

            return LakeSuite.RunAsync(async (lake, log, token) =>
            {
                var report = await new QueryRun(lake, log).RunAsync(rowCount, runs, token);
                return (QueryFigures.Of(report, runs), report.Clean);
            }, cancellationToken);
        });
        return command;
    }
}
