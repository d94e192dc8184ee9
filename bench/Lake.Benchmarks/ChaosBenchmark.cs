using System.CommandLine;
using Lake.Testing.Aspire;
using Lake.Testing.Aspire.Chaos;

namespace Lake.Benchmarks;

/// <summary>
/// <c>chaos</c>: the full chaos run (DESIGN's "nothing lost, under faults as well"): the lake started from the AppHost
/// as the tests start it, 500 uploads while its processes are SIGKILLed at random moments; prints uploads, kills,
/// rows lost, rows doubled and the time to drain. Exit 1 when anything was lost, doubled, left unfinished or unexplained.
/// </summary>
internal static class ChaosBenchmark
{
    public static Command Command()
    {
        var uploads = new Option<int>("--uploads") { Description = "Files uploaded (3 in 5 valid, 1 in 5 mixed, 1 in 5 invalid)", DefaultValueFactory = _ => 500 };
        var kills = new Option<int>("--kills") { Description = "SIGKILLs, taking turns: transform, Lambda emulator, ingest API, AWS emulator", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Seed of the kill moments (0: a random one, printed)", DefaultValueFactory = _ => 0 };
        var command = new Command("chaos", "Uploads files while the lake's processes are SIGKILLed; checks nothing is lost or doubled.") { uploads, kills, seed };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(uploads), parse.GetValue(kills), parse.GetValue(seed), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int uploads, int kills, int seed, CancellationToken cancellationToken)
    {
        seed = seed != 0 ? seed : Random.Shared.Next(1, 100000);
        Console.WriteLine($"Starting the lake (AppHost, free ports, its own state directory) for {uploads} uploads and {kills} kills, seed {seed} ...");
        var lake = new AspireLake();
        try
        {
            await lake.InitializeAsync();
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} machine load before the run: {LoadAverage()}");
            var report = await new ChaosRun(lake, uploads, kills, seed, line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}")).RunAsync(cancellationToken);
            Console.WriteLine(report);
            Console.WriteLine($"machine load after the run: {LoadAverage()}");
            Console.WriteLine($"| uploads | kills | rows expected | rows lost | rows doubled | time to drain |");
            Console.WriteLine($"| {report.Uploads} | {report.Kills.Count} | {report.RowsExpected} | {report.RowsLost} | {report.RowsDoubled} | {report.Drain.TotalSeconds:0} s |");
            return report.Clean ? 0 : 1;
        }
        finally
        {
            await lake.DisposeAsync();
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages and the core count (Linux), to read the figures by.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? $"{string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} cores"
            : "unknown";
}
