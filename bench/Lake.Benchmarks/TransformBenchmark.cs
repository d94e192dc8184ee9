using System.Diagnostics;
using System.Globalization;
using Lake.Transform.Conversion;

namespace Lake.Benchmarks;

/// <summary>One measured run of one side: wall time, CPU time (all threads) and peak RSS.</summary>
internal sealed record Measurement(string Side, int Repetition, long Rows, TimeSpan Wall, TimeSpan Cpu, long PeakRss, IReadOnlyDictionary<string, TimeSpan> Steps);

/// <summary>
/// Runs both sides on the same file in one process, alternating which goes first in each repetition (so neither
/// always meets a warm or a cold page cache), and reports medians and the ratio b/a.
/// </summary>
public sealed class TransformBenchmark(BenchmarkOptions options)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var inputs = await BenchmarkInputs.PrepareAsync(options, output, cancellationToken);
        IBenchmarkSide bare = new BareCopy(inputs, options.Limits);
        IBenchmarkSide transform = new TransformPath(inputs, options.Limits);
        output.WriteLine(Invariant($"file: {inputs.Csv} ({inputs.Bytes / 1e6:F1} MB, {options.Rows:N0} rows, {options.ErrorRate:P1} with a defect)"));
        output.WriteLine($"duckdb: memory_limit {options.MemoryLimit}, threads {options.Threads}; {Environment.ProcessorCount} cores; peak = process peak RSS (VmHWM), reset before each run");

        await MeasureAsync(transform, 0, cancellationToken);
        var runs = new List<Measurement>();
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var side in repetition % 2 == 1 ? new[] { bare, transform } : [transform, bare])
            {
                var run = await MeasureAsync(side, repetition, cancellationToken);
                runs.Add(run);
                output.WriteLine(Invariant($"  run {repetition} {run.Side,-30} {run.Wall.TotalSeconds,6:F2} s wall {run.Cpu.TotalSeconds,6:F2} s cpu {run.PeakRss / 1e6,7:F0} MB peak {run.Rows / run.Wall.TotalSeconds,10:N0} rows/s"));
            }
        }

        BenchmarkReport.Write(output, runs, bare.Name, transform.Name);
        return 0;
    }

    private async Task<Measurement> MeasureAsync(IBenchmarkSide side, int repetition, CancellationToken cancellationToken)
    {
        var work = Path.Combine(options.CacheDirectory, $"run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        using var steps = new StepRecorder();
        try
        {
            PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var rows = await side.RunAsync(work, cancellationToken);
            clock.Stop();
            return new Measurement(side.Name, repetition, rows, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, PeakMemory.Read(), steps.Totals);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sums the conversion's step spans (<see cref="ConversionTelemetry"/>) while a run lasts.</summary>
    private sealed class StepRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Dictionary<string, TimeSpan> _totals = [];

        public StepRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ConversionTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    lock (_totals)
                    {
                        _totals[activity.DisplayName] = _totals.GetValueOrDefault(activity.DisplayName) + activity.Duration;
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyDictionary<string, TimeSpan> Totals
        {
            get
            {
                lock (_totals)
                {
                    return new Dictionary<string, TimeSpan>(_totals);
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
