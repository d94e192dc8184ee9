using System.CommandLine;
using Lake.Benchmarks;

var rows = new Option<long>("--rows") { Description = "Rows of the generated orders CSV", DefaultValueFactory = _ => 1_000_000 };
var errorRate = new Option<double>("--error-rate") { Description = "Share of rows (0..1) with a defect, so quarantine is exercised", DefaultValueFactory = _ => 0.01 };
var repetitions = new Option<int>("--repetitions") { Description = "Runs of each side, alternating which goes first", DefaultValueFactory = _ => 3 };
var memoryLimit = new Option<string>("--memory-limit") { Description = "DuckDB memory_limit, both sides", DefaultValueFactory = _ => "1GiB" };
var threads = new Option<int>("--threads") { Description = "DuckDB threads, both sides", DefaultValueFactory = _ => 2 };
var cache = new Option<DirectoryInfo>("--cache") { Description = "Where generated CSVs are kept between runs", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "lake-bench")) };

var root = new RootCommand("Times the transform's conversion against a bare DuckDB COPY ... PARTITION_BY of the same CSV and prints the ratio.")
{
    rows, errorRate, repetitions, memoryLimit, threads, cache,
};
root.Subcommands.Add(ChaosBenchmark.Command());
root.Subcommands.Add(LatencyBenchmark.Latency());
root.Subcommands.Add(LatencyBenchmark.Burst());
root.Subcommands.Add(QueryBenchmark.Command());
root.SetAction((parse, cancellationToken) => new TransformBenchmark(new BenchmarkOptions(
    parse.GetValue(rows), parse.GetValue(errorRate), parse.GetValue(repetitions), parse.GetValue(memoryLimit)!, parse.GetValue(threads),
    parse.GetRequiredValue(cache).FullName)).RunAsync(Console.Out, cancellationToken));

return await root.Parse(args).InvokeAsync();
