using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// The statements of a query string as DuckDB's parser splits them (<c>duckdb_extract_statements</c>), so each
/// can be looked at and prepared on its own: e.g. to refuse a batch, or to check each statement's type first.
/// </summary>
/// <remarks>Belongs to its <see cref="DuckDbConnection"/>: not safe for concurrent use.</remarks>
public sealed class DuckDbExtractedStatements : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly DuckDbExtractedStatementsHandle _handle;

    internal DuckDbExtractedStatements(DuckDbConnection connection, DuckDbExtractedStatementsHandle handle, int count)
    {
        _connection = connection;
        _handle = handle;
        Count = count;
    }

    /// <summary>How many statements the text holds (empty statements between semicolons are not counted).</summary>
    public int Count { get; }

    /// <summary>Prepares statement <paramref name="index"/> (0-based).</summary>
    /// <exception cref="DuckDbException">DuckDB could not prepare it (e.g. an unknown table); the message is DuckDB's.</exception>
    public DuckDbPreparedStatement Prepare(int index)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (NativeMethods.PrepareExtractedStatement(_connection.Handle, _handle, (ulong)index, out var statement) != DuckDbState.Success)
        {
            using (statement)
            {
                throw DuckDbException.FromPrepare(statement);
            }
        }

        return new DuckDbPreparedStatement(_connection, statement);
    }

    public void Dispose() => _handle.Dispose();
}
