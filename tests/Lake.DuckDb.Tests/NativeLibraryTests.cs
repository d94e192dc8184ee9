using DuckDB.NET.Data;

namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class NativeLibraryTests : InMemoryDatabase
{
    [Fact]
    public void TheLoadedLibraryIsDuckDb156()
    {
        Assert.Equal("v1.5.6", Connection.ServerVersion);
    }

    [Fact]
    public void TheBuildCopiesOnlyThisMachinesLibrary()
    {
        var platforms = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "runtimes")).Select(Path.GetFileName).ToList();

        var platform = Assert.Single(platforms);
        var library = Assert.Single(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes", platform!, "native")));
        Assert.Contains("duckdb", Path.GetFileName(library), StringComparison.Ordinal);
        Assert.True(new FileInfo(library).Length > 1_000_000);
    }

    [Fact]
    public async Task EachInMemoryConnectionStringOpensADatabaseOfItsOwnAndDuplicateSharesOne()
    {
        await Connection.ExecuteAsync("CREATE TABLE mine (i INTEGER)");
        using var other = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        other.Open();
        using var duplicate = Connection.Duplicate();
        duplicate.Open();

        Assert.Equal(0, await other.ExecuteScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mine'"));
        Assert.Equal(1, await duplicate.ExecuteScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mine'"));
    }
}
