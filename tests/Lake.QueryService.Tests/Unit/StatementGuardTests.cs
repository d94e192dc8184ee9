using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StatementGuardTests
{
    [Theory]
    [InlineData("EXPLAIN SELECT 1", "SELECT 1")]
    [InlineData("explain analyze SELECT 1", "SELECT 1")]
    [InlineData("EXPLAIN (FORMAT json) SELECT 1", "SELECT 1")]
    [InlineData("-- why\n/* plan */ EXPLAIN ANALYZE\n  COPY t TO 'x'", "COPY t TO 'x'")]
    public void AnExplainGivesUpTheStatementItExplains(string sql, string inner)
    {
        Assert.Equal(inner, StatementGuard.Explained(sql));
    }

    [Theory]
    [InlineData("SELECT 'EXPLAIN SELECT 1'")]
    [InlineData("EXPLAINED")]
    [InlineData("")]
    public void AnythingElseIsNoExplain(string sql)
    {
        Assert.Null(StatementGuard.Explained(sql));
    }
}
