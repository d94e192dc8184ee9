namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ChunkingTests : InMemoryDatabase
{
    [Fact]
    public void AResultLargerThanOneChunkIsReadWholeAndInOrder()
    {
        using var reader = Connection.Query("SELECT range AS i, CASE WHEN range % 7 = 0 THEN NULL ELSE range * 2 END AS doubled FROM range(10000) ORDER BY i");

        long rows = 0, sum = 0, doubledSum = 0, nulls = 0, expectedNext = 0;
        while (reader.Read())
        {
            var i = reader.GetInt64(0);
            Assert.Equal(expectedNext++, i);
            rows++;
            sum += i;
            if (reader.IsNull(1))
            {
                nulls++;
                Assert.Equal(0, i % 7);
            }
            else
            {
                doubledSum += reader.GetInt64(1);
            }
        }

        Assert.Equal(10_000, rows);
        Assert.Equal(49_995_000, sum);
        Assert.Equal(1_429, nulls);
        Assert.Equal(Connection.ExecuteScalar<long>("SELECT sum(range * 2) FROM range(10000) WHERE range % 7 <> 0"), doubledSum);
        Assert.False(reader.Read());
    }

    [Fact]
    public void AnEmptyResultReadsNoRowButKeepsItsColumns()
    {
        using var reader = Connection.Query("SELECT range AS i FROM range(10) WHERE range > 100");

        Assert.Equal(1, reader.FieldCount);
        Assert.Equal("i", reader.GetName(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void StatementsWithoutRowsReportTheRowsTheyChanged()
    {
        Assert.Equal(0, Connection.Execute("CREATE TABLE t (i INTEGER)"));
        Assert.Equal(5000, Connection.Execute("INSERT INTO t SELECT range FROM range(5000)"));
        Assert.Equal(2500, Connection.Execute("DELETE FROM t WHERE i % 2 = 0"));
        Assert.Equal(2500, Connection.ExecuteScalar<int>("SELECT count(*) FROM t"));
    }
}
