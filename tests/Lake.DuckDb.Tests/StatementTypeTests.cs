namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class StatementTypeTests : InMemoryDatabase
{
    public StatementTypeTests() => Connection.Execute("CREATE TABLE t (i INTEGER)");

    [Theory]
    [InlineData("SELECT 1", DuckDbStatementType.Select)]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", DuckDbStatementType.Select)]
    [InlineData("FROM t", DuckDbStatementType.Select)]
    [InlineData("DESCRIBE t", DuckDbStatementType.Select)]
    [InlineData("SHOW TABLES", DuckDbStatementType.Select)]
    [InlineData("SUMMARIZE t", DuckDbStatementType.Select)]
    [InlineData("EXPLAIN SELECT 1", DuckDbStatementType.Explain)]
    [InlineData("EXPLAIN ANALYZE INSERT INTO t VALUES (1)", DuckDbStatementType.Explain)]
    [InlineData("INSERT INTO t VALUES (1)", DuckDbStatementType.Insert)]
    [InlineData("UPDATE t SET i = 2", DuckDbStatementType.Update)]
    [InlineData("DELETE FROM t", DuckDbStatementType.Delete)]
    [InlineData("CREATE TABLE u (i INTEGER)", DuckDbStatementType.Create)]
    [InlineData("DROP TABLE t", DuckDbStatementType.Drop)]
    [InlineData("COPY t TO 'out.csv'", DuckDbStatementType.Copy)]
    [InlineData("ATTACH 'other.db'", DuckDbStatementType.Attach)]
    [InlineData("INSTALL httpfs", DuckDbStatementType.Load)]
    [InlineData("LOAD httpfs", DuckDbStatementType.Load)]
    [InlineData("SET threads = 1", DuckDbStatementType.Set)]
    [InlineData("PRAGMA version", DuckDbStatementType.Select)] // DuckDB rewrites a table-valued pragma into a query
    [InlineData("PRAGMA threads = 1", DuckDbStatementType.Set)]
    [InlineData("CALL pragma_version()", DuckDbStatementType.Call)]
    [InlineData("BEGIN TRANSACTION", DuckDbStatementType.Transaction)]
    public void EachStatementIsClassifiedByDuckDbsParser(string sql, DuckDbStatementType expected)
    {
        using var statements = Connection.ExtractStatements(sql);
        using var statement = statements.Prepare(0);

        Assert.Equal(1, statements.Count);
        Assert.Equal(expected, statement.StatementType);
    }

    [Fact]
    public void ABatchIsSplitIntoItsStatementsWithoutRunningAny()
    {
        using var statements = Connection.ExtractStatements("SELECT 1; INSERT INTO t VALUES (1);; DROP TABLE t;");

        Assert.Equal(3, statements.Count);
        using (var second = statements.Prepare(1))
        {
            Assert.Equal(DuckDbStatementType.Insert, second.StatementType);
        }

        Assert.Equal(0, Connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void AnExtractedStatementRunsLikeAnyPreparedOne()
    {
        using var statements = Connection.ExtractStatements("SELECT $1::INTEGER * 2");
        using var statement = statements.Prepare(0);

        Assert.Equal(42, statement.Bind(1, 21).ExecuteScalar<int>());
    }

    [Fact]
    public void TextThatDoesNotParseThrowsDuckDbsParserError()
    {
        var error = Assert.Throws<DuckDbException>(() => Connection.ExtractStatements("SELEC 1"));

        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
        Assert.Contains("syntax error", error.Message);
    }

    [Fact]
    public void AnEmptyTextHoldsNoStatement()
    {
        using var statements = Connection.ExtractStatements("  ;  -- nothing\n");

        Assert.Equal(0, statements.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => statements.Prepare(0));
    }
}
