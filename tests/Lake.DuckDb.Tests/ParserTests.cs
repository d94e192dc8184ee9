namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ParserTests : InMemoryDatabase
{
    [Theory]
    [InlineData("SELECT 1", 1)]
    [InlineData("  ;  -- nothing\n", 0)]
    [InlineData("", 0)]
    [InlineData("SELECT 1; INSERT INTO t VALUES (1);; DROP TABLE t;", 3)]
    [InlineData("SELECT * FROM no_such_table", 1)]
    public void TheParserCountsTheStatementsOfAText(string sql, int count)
    {
        Assert.Equal(count, Connection.CountStatements(sql));
    }

    [Fact]
    public async Task CountingRunsNothing()
    {
        await Connection.ExecuteAsync("CREATE TABLE t (i INTEGER)");

        Assert.Equal(2, Connection.CountStatements("INSERT INTO t VALUES (1); DROP TABLE t"));
        Assert.Equal(0, await Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void TextThatDoesNotParseThrowsDuckDbsParserError()
    {
        var error = Assert.Throws<DuckDbParserException>(() => Connection.CountStatements("SELECT 1; SELEC 2"));

        Assert.StartsWith("Parser Error:", error.Message);
        Assert.Contains("syntax error", error.Message);
    }
}
