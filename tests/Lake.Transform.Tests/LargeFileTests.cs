using Lake.SeedGenerator;
using Lake.Transform.Conversion;

namespace Lake.Transform.Tests;

/// <summary>A file several times DuckDB's memory limit converts: DuckDB spills to the work directory instead of failing.</summary>
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class LargeFileTests : IDisposable
{
    private readonly Conversions _conversions = new();

    [Fact]
    public async Task ACsvLargerThanTheMemoryLimitConverts()
    {
        var generator = new OrderFileGenerator(new OrderGeneratorOptions { Rows = 1_500_000, Files = 1, Months = 3, Seed = 11, ErrorRate = 0.001 });
        var csv = Path.Combine(_conversions.ScratchPath, "large.csv");
        OrderFileSummary summary;
        await using (var file = File.Create(csv))
        {
            summary = generator.Write(generator.Files[0], file);
        }

        Assert.True(summary.Bytes > 2 * 64 * 1024 * 1024, $"the file is {summary.Bytes:N0} bytes");

        var result = await _conversions.RunAsync(Conversions.Orders, csv, new DuckDbLimits("64MB", 2));

        Assert.Equal(summary.Rows, result.RowsIn);
        Assert.Equal(result.RowsIn, result.RowsValid + result.RowsQuarantined);
        Assert.InRange(result.RowsQuarantined, summary.BadRows / 2, summary.BadRows);
        Assert.Equal(result.RowsValid, await ParquetFiles.CountRowsAsync(result.CuratedDirectory));
    }

    public void Dispose() => _conversions.Dispose();
}
