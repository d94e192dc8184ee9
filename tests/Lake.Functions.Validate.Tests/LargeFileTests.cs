using Lake.Functions.Validate.FileChecks;

namespace Lake.Functions.Validate.Tests;

/// <summary>Slow on purpose: a file larger than a gigabyte goes through the checks.</summary>
/// <remarks>Alone in the test run (<see cref="AloneCollection"/>), so the process's allocations are its own.</remarks>
[Collection(AloneCollection.Name)]
[Trait("Category", "Slow")]
public sealed class LargeFileTests
{
    private static readonly CsvFileRules Orders = new(["order_id", "order_date", "quantity"], MaxBytes: 10_000, MaxLineLength: 64);

    [Fact]
    public async Task AGigabyteFileStreamsInBoundedMemory()
    {
        var rules = Orders with { MaxBytes = 2L * 1024 * 1024 * 1024 };
        var rows = 1_100_000_000 / 15;
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await new FileValidator(rules).ValidateAsync(new RepeatingRowStream("order_id,order_date,quantity\n", "1,2024-06-01,3\n", rows), CancellationToken.None);

        Assert.True(result.Passed, result.Failure?.ToString());
        Assert.Equal(rows, result.DataRows);
        Assert.True(result.Bytes > 1_000_000_000);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 50_000_000, $"{allocated:N0} bytes allocated for a {result.Bytes:N0}-byte file");
    }
}
