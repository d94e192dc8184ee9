using DuckDB.NET.Data;

namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class CancellationTests : InMemoryDatabase
{
    // Minutes of work if nothing stops it.
    private const string LongQuery = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";

    [Fact]
    public async Task CancellingTheTokenInterruptsARunningStatement()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // Had the statement run to its end (and the token been checked only afterwards), the table would exist.
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connection.ExecuteAsync($"CREATE TABLE finished AS {LongQuery}", cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(0, await Connection.ExecuteScalarAsync<int>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'finished'"));
        Assert.Equal(42, await Connection.ExecuteScalarAsync<int>("SELECT 42"));
    }

    [Fact]
    public async Task CancellingTheTokenInterruptsAQueryAndAScalar()
    {
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connection.ExecuteReaderAsync(LongQuery, cancellation.Token));
            Assert.Equal(cancellation.Token, error.CancellationToken);
        }

        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connection.ExecuteScalarAsync<long>(LongQuery, cancellation.Token));
            Assert.Equal(cancellation.Token, error.CancellationToken);
        }
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenRunsNothing()
    {
        await Connection.ExecuteAsync("CREATE TABLE t (i INTEGER)");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connection.ExecuteAsync("INSERT INTO t VALUES (1)", new CancellationToken(canceled: true)));
        Assert.Equal(0, await Connection.ExecuteScalarAsync<int>("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task AFailureThatIsNoCancellationStaysADuckDbError()
    {
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAsync<DuckDBException>(() => Connection.ExecuteAsync("SELECT * FROM nowhere", cancellation.Token));
        Assert.Equal(1, await Connection.ExecuteScalarAsync<int>("SELECT 1", cancellation.Token));
    }
}
