using Lake.Transform.Conversion;

namespace Lake.Benchmarks;

/// <summary>What one benchmark run measures, and with which resources (the same for both sides).</summary>
public sealed record BenchmarkOptions(long Rows, double ErrorRate, int Repetitions, string MemoryLimit, int Threads, string CacheDirectory)
{
    public DuckDbLimits Limits => new(MemoryLimit, Threads);
}
