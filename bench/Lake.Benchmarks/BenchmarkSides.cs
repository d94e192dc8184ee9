using DuckDB.NET.Data;
using Lake.DuckDb;
using Lake.Transform.Conversion;

namespace Lake.Benchmarks;

/// <summary>One side of the comparison: converts the CSV into <c>work</c> and returns the rows it read.</summary>
internal interface IBenchmarkSide
{
    string Name { get; }

    Task<long> RunAsync(string work, CancellationToken cancellationToken);
}

/// <summary>(a) The bare copy: DuckDB reads the CSV with its own type detection and writes it partitioned, nothing else.</summary>
internal sealed class BareCopy(BenchmarkInputs inputs, DuckDbLimits limits) : IBenchmarkSide
{
    public string Name => "a: bare COPY ... PARTITION_BY";

    public Task<long> RunAsync(string work, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await using var connection = new DuckDBConnection(limits.ConnectionString(Path.Combine(work, "spill")));
        await connection.OpenAsync(cancellationToken);
        return (long)await connection.ExecuteAsync(
            $"COPY (SELECT * FROM read_csv({SqlText.Path(inputs.Csv)})) TO {SqlText.Path(Path.Combine(work, "curated"))} "
            + "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (order_date))", cancellationToken);
    }, cancellationToken);
}

/// <summary>(b) The transform's conversion, as the service runs it for one upload (S3 transfers excluded, as from (a)).</summary>
internal sealed class TransformPath(BenchmarkInputs inputs, DuckDbLimits limits) : IBenchmarkSide
{
    public string Name => "b: transform conversion";

    public async Task<long> RunAsync(string work, CancellationToken cancellationToken)
    {
        var request = new ConversionRequest(inputs.Contract, inputs.Csv, work, "part-bench", [inputs.PreviousKeyFile]);
        var result = await new CsvConversion(limits).RunAsync(request, cancellationToken);
        return result.RowsIn;
    }
}
