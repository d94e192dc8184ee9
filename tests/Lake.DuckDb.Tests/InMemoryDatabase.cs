namespace Lake.DuckDb.Tests;

/// <summary>Base for tests that need one in-memory database and one connection to it.</summary>
public abstract class InMemoryDatabase : IDisposable
{
    protected InMemoryDatabase()
    {
        Database = DuckDbDatabase.Open(null);
        Connection = Database.Connect();
    }

    protected DuckDbDatabase Database { get; }

    protected DuckDbConnection Connection { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
            Database.Dispose();
        }
    }
}
