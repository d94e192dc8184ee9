using System.Diagnostics;

namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class CancellationTests : InMemoryDatabase
{
    // Minutes of work if nothing stops it.
    private const string LongQuery = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b";

    [Fact]
    public void CancellingTheTokenInterruptsARunningQuery()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => Connection.Query(LongQuery, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(42, Connection.ExecuteScalar<int>("SELECT 42"));
    }

    [Fact]
    public void CancellingTheTokenInterruptsAPreparedStatement()
    {
        using var statement = Connection.Prepare("SELECT sum(a.range * b.range) FROM range($1) a, range($1) b");
        statement.Bind(1, 1_000_000L);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => statement.Execute(cancellation.Token));
        Assert.Equal(9, statement.Bind(1, 3L).ExecuteScalar<long>());
    }

    [Fact]
    public void AnAlreadyCancelledTokenRunsNothing()
    {
        Connection.Execute("CREATE TABLE t (i INTEGER)");

        Assert.ThrowsAny<OperationCanceledException>(() => Connection.Execute("INSERT INTO t VALUES (1)", new CancellationToken(canceled: true)));
        Assert.Equal(0, Connection.ExecuteScalar<int>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void InterruptFromAnotherThreadStopsTheQuery()
    {
        using var timer = new Timer(_ => Connection.Interrupt(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

        var error = Assert.Throws<DuckDbException>(() => Connection.Execute(LongQuery));

        Assert.Equal(DuckDbErrorType.Interrupt, error.ErrorType);
    }
}
