namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class ErrorTests : InMemoryDatabase
{
    [Fact]
    public void BadSqlCarriesDuckDbsParserMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => Connection.Execute("SELEC 1"));

        Assert.Contains("syntax error", error.Message);
        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
    }

    [Fact]
    public void AMissingTableCarriesDuckDbsCatalogMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => Connection.Query("SELECT * FROM no_such_table"));

        Assert.Contains("no_such_table", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public void PreparingBadSqlCarriesDuckDbsMessage()
    {
        var error = Assert.Throws<DuckDbException>(() => Connection.Prepare("SELECT * FROM no_such_table WHERE id = $1"));

        Assert.Contains("no_such_table", error.Message);
        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public void AFailedConversionCarriesItsErrorType()
    {
        using var statement = Connection.Prepare("SELECT CAST($1 AS INTEGER)");
        statement.Bind(1, "not a number");

        var error = Assert.Throws<DuckDbException>(() => statement.Execute());

        Assert.Contains("not a number", error.Message);
        Assert.Equal(DuckDbErrorType.Conversion, error.ErrorType);
    }

    [Fact]
    public void TheConnectionStaysUsableAfterAnError()
    {
        Assert.Throws<DuckDbException>(() => Connection.Execute("SELECT * FROM nowhere"));

        Assert.Equal(1, Connection.ExecuteScalar<int>("SELECT 1"));
    }

    [Fact]
    public void ABadConfigValueFailsTheOpenWithDuckDbsMessage()
    {
        var config = new DuckDbConfig { MemoryLimit = "lots" };

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, config));

        Assert.Contains("memory_limit = 'lots'", error.Message);
        Assert.Contains("Memory must have a number", error.Message);
        Assert.Equal(DuckDbErrorType.InvalidConfiguration, error.ErrorType);
    }

    [Fact]
    public void AnOutOfRangeConfigValueFailsTheOpenWithDuckDbsMessage()
    {
        var config = new DuckDbConfig { Threads = 0 };

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, config));

        Assert.Contains("threads = '0'", error.Message);
        Assert.Contains("at least 1 thread", error.Message);
    }

    [Fact]
    public void AnUnknownConfigOptionFailsTheOpenNamingIt()
    {
        var config = new DuckDbConfig().Set("no_such_option", "1");

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, config));

        Assert.Contains("not recognized: no_such_option", error.Message);
        Assert.Equal(DuckDbErrorType.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void AnUnopenableFileCarriesDuckDbsMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), "lake-no-such-dir-" + Guid.NewGuid().ToString("N"), "x.duckdb");

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(path));

        Assert.Contains("x.duckdb", error.Message);
        Assert.Equal(DuckDbErrorType.IO, error.ErrorType);
    }

    [Fact]
    public void UsingADisposedConnectionThrowsObjectDisposed()
    {
        var connection = Database.Connect();
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
    }
}
