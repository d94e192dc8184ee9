using DuckDB.NET.Data;

namespace Lake.DuckDb.Tests;

/// <summary>Base for tests that need one open connection to an in-memory database of their own.</summary>
public abstract class InMemoryDatabase : IDisposable
{
    protected InMemoryDatabase()
    {
        Connection = new DuckDBConnection(DuckDBConnectionStringBuilder.InMemoryConnectionString);
        Connection.Open();
    }

    protected DuckDBConnection Connection { get; }

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
        }
    }
}
