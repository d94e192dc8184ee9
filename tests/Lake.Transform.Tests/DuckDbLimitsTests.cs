using Lake.Transform.Conversion;

namespace Lake.Transform.Tests;

[Trait("Category", "Unit")]
public sealed class DuckDbLimitsTests
{
    [Theory]
    [InlineData("64MB", 64_000_000)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1.5 GB", 1_500_000_000)]
    [InlineData("512kib", 512 * 1024)]
    public void AMemoryLimitReadsInDuckDbsUnits(string limit, long bytes) =>
        Assert.Equal(bytes, new DuckDbLimits(limit, 1).MemoryLimitBytes);

    [Fact]
    public void ASmallLimitShrinksTheBuffersDuckDbDoesNotSpill()
    {
        var small = new DuckDbLimits("64MB", 2);
        var large = new DuckDbLimits("4GiB", 2);

        Assert.Equal((4L << 20, 100_000L), (small.CsvBufferSize, small.PartitionFlushRows));
        Assert.Equal((32L << 20, 524_288L), (large.CsvBufferSize, large.PartitionFlushRows));
    }

    [Fact]
    public void ALimitThatIsNotASizeIsRefusedNamingIt() =>
        Assert.Contains("'lots'", Assert.Throws<FormatException>(() => new DuckDbLimits("lots", 1).MemoryLimitBytes).Message);
}
