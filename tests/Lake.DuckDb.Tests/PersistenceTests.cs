namespace Lake.DuckDb.Tests;

[Trait("Category", "Integration")]
public sealed class PersistenceTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void AFileDatabaseKeepsItsDataAcrossReopen()
    {
        var path = _scratch.File("lake.duckdb");
        using (var database = DuckDbDatabase.Open(path))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE uploads (id INTEGER, name VARCHAR)");
            using var insert = connection.Prepare("INSERT INTO uploads VALUES ($1, $2)");
            insert.Bind(1, 1).Bind(2, "first.csv").Execute();
            insert.Bind(1, 2).Bind(2, "a rather longer second file name.csv").Execute();
        }

        Assert.True(File.Exists(path));
        using var reopened = DuckDbDatabase.Open(path);
        using var again = reopened.Connect();

        Assert.Equal(path, reopened.Path);
        Assert.Equal(2, again.ExecuteScalar<int>("SELECT count(*) FROM uploads"));
        Assert.Equal("a rather longer second file name.csv", again.ExecuteScalar<string>("SELECT name FROM uploads WHERE id = 2"));
    }

    [Fact]
    public void ConnectionsOnSeveralThreadsShareOneDatabase()
    {
        using var database = DuckDbDatabase.Open(_scratch.File("shared.duckdb"));
        using (var setup = database.Connect())
        {
            setup.Execute("CREATE TABLE hits (worker INTEGER, n INTEGER)");
        }

        Parallel.For(0, 4, worker =>
        {
            using var connection = database.Connect();
            using var insert = connection.Prepare("INSERT INTO hits VALUES ($1, $2)");
            for (var n = 0; n < 50; n++)
            {
                insert.Bind(1, worker).Bind(2, n).Execute();
            }
        });

        using var check = database.Connect();
        Assert.Equal(200, check.ExecuteScalar<int>("SELECT count(*) FROM hits"));
        Assert.Equal(4, check.ExecuteScalar<int>("SELECT count(DISTINCT worker) FROM hits"));
    }

    public void Dispose() => _scratch.Dispose();
}
