using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ErrorKindTests : InMemoryDatabase
{
    [Theory]
    [InlineData("SELEC 1", DuckDBErrorType.Parser, "syntax error")]
    [InlineData("SELECT * FROM no_such_table", DuckDBErrorType.Catalog, "no_such_table")]
    [InlineData("SELECT no_such_column FROM range(1)", DuckDBErrorType.Binder, "no_such_column")]
    public async Task AnErrorBeforeTheStatementRunsTakesItsKindFromDuckDbsMessage(string sql, DuckDBErrorType kind, string named)
    {
        var error = await Assert.ThrowsAsync<DuckDBException>(() => Connection.ExecuteAsync(sql));

        Assert.Equal(DuckDBErrorType.Invalid, error.ErrorType); // what DuckDB.NET says for errors before execution
        Assert.Equal(kind, error.Kind());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task AnErrorWhileTheStatementRunsKeepsDuckDbsType()
    {
        var error = await Assert.ThrowsAsync<DuckDBException>(() => Connection.ExecuteScalarAsync<int>("SELECT CAST(x AS INTEGER) FROM (VALUES ('not a number')) t(x)"));

        Assert.Equal(DuckDBErrorType.Conversion, error.ErrorType);
        Assert.Equal(DuckDBErrorType.Conversion, error.Kind());
    }

    [Fact]
    public async Task AFileTheConfigurationForbidsIsAPermissionError()
    {
        await Connection.ExecuteAsync("SET enable_external_access = false");

        var error = await Assert.ThrowsAsync<DuckDBException>(() => Connection.ExecuteAsync("SELECT * FROM read_csv('/etc/passwd')"));

        Assert.Equal(DuckDBErrorType.Permission, error.Kind());
    }

    [Theory]
    [InlineData("Out of Memory Error: failed to allocate data of size 16.0 MiB", DuckDBErrorType.OutOfMemory)]
    [InlineData("Invalid Input Error: CSV Error on Line: 2", DuckDBErrorType.InvalidInput)]
    [InlineData("IO Error: No files found that match the pattern \"x\"", DuckDBErrorType.Io)]
    [InlineData("INTERRUPT Error: Interrupted!", DuckDBErrorType.Interrupt)]
    [InlineData("Permission Error: Cannot access file \"/etc/passwd\"", DuckDBErrorType.Permission)]
    [InlineData("DuckDB execution failed", DuckDBErrorType.Invalid)]
    [InlineData("42 Error: not a kind", DuckDBErrorType.Invalid)]
    [InlineData("Weird Error: not a kind either", DuckDBErrorType.Invalid)]
    public void TheMessagePrefixNamesTheKind(string message, DuckDBErrorType kind)
    {
        Assert.Equal(kind, DuckDbErrors.KindFromMessage(message));
    }
}
