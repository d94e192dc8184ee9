using Lake.QueryService.Athena;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class AthenaUnitTests
{
    [Fact]
    public void PagesFollowTheirTokensToTheEndAndAStrangeTokenIsRefused()
    {
        var items = Enumerable.Range(0, 7).ToList();

        var (first, token) = AthenaPaging.Page(items, null, 3, 50, 50);
        var (second, token2) = AthenaPaging.Page(items, token, 3, 50, 50);
        var (third, token3) = AthenaPaging.Page(items, token2, 3, 50, 50);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], first.Concat(second).Concat(third));
        Assert.Null(token3);
        Assert.Equal("InvalidRequestException", Assert.Throws<AthenaException>(() => AthenaPaging.Page(items, "not-a-token", 3, 50, 50)).ErrorType);
        Assert.Throws<AthenaException>(() => AthenaPaging.Page(items, null, 51, 50, 50));
    }

    [Theory]
    [InlineData("DECIMAL(14,2)", "decimal", 14, 2)]
    [InlineData("VARCHAR", "varchar", 2147483647, 0)]
    [InlineData("BIGINT", "bigint", 19, 0)]
    [InlineData("TIMESTAMP WITH TIME ZONE", "timestamp with time zone", 3, 0)]
    [InlineData("INTERVAL", "varchar", 2147483647, 0)]
    public void DuckDbTypesReadAsAthenaTypes(string duckDb, string athena, int precision, int scale) =>
        Assert.Equal((athena, precision, scale), AthenaTypes.Describe(duckDb));

    [Fact]
    public void ValuesReadAsAthenaWritesThem()
    {
        Assert.Equal("1019.50", AthenaTypes.Text(1019.5m, new ResultColumn("x", "DECIMAL(38,2)")));
        Assert.Equal("2024-06-01 12:30:45.250", AthenaTypes.Text(new DateTime(2024, 6, 1, 12, 30, 45, 250), new ResultColumn("t", "TIMESTAMP")));
        Assert.Null(AthenaTypes.Text(null, new ResultColumn("n", "VARCHAR")));
    }

    [Theory]
    [InlineData("SELECT 1", "DML")]
    [InlineData("  -- a comment\n  describe orders", "UTILITY")]
    [InlineData("EXPLAIN SELECT 1", "UTILITY")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", "DML")]
    public void StatementTypesAreAthenas(string sql, string type) => Assert.Equal(type, AthenaStatements.StatementType(sql));

    [Fact]
    public void DuckDbsMissingFunctionAndTableReadAsAthenasErrors()
    {
        const string Sql = "SELECT a,\n  Foo_Bar(1) FROM lake.t";

        var (function, error) = AthenaStatements.Failure(QueryRefusal.Failed("Catalog Error: Scalar Function with name foo_bar does not exist!\nDid you mean \"floor\"?", new InvalidOperationException()), Sql, "lake");
        var (table, _) = AthenaStatements.Failure(QueryRefusal.Failed("Catalog Error: Table with name t does not exist!", new InvalidOperationException()), Sql, "Lake");

        Assert.Equal("FUNCTION_NOT_FOUND: line 2:3: Function 'foo_bar' not registered", function);
        Assert.Equal(2, error.ErrorCategory);
        Assert.Equal("TABLE_NOT_FOUND: line 2:19: Table 'awsdatacatalog.lake.t' does not exist", table);
    }
}
