using System.Runtime.InteropServices;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>: runs SQL, prepares statements.
/// </summary>
/// <remarks>
/// Not safe for concurrent use: one connection per thread (connections are cheap). The prepared
/// statements and readers it hands out belong to it and to its thread. Only
/// <see cref="Interrupt"/> may be called from another thread. Calls block while DuckDB works;
/// a <see cref="CancellationToken"/> interrupts the running statement.
/// </remarks>
public sealed class DuckDbConnection : IDisposable
{
    internal DuckDbConnection(DuckDbConnectionHandle handle) => Handle = handle;

    internal DuckDbConnectionHandle Handle { get; }

    /// <summary>
    /// Runs <paramref name="sql"/> (one or more statements) and returns the rows the last one
    /// changed (0 for statements that change none).
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB failed; the message is DuckDB's.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> interrupted it.</exception>
    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        using var result = Run(sql, cancellationToken);
        return (long)NativeMethods.RowsChanged(result);
    }

    /// <summary>Runs a query and returns a reader over its rows (the whole result is computed first).</summary>
    /// <exception cref="DuckDbException">DuckDB failed; the message is DuckDB's.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> interrupted it.</exception>
    public DuckDbDataReader Query(string sql, CancellationToken cancellationToken = default) =>
        new(Run(sql, cancellationToken));

    /// <summary>
    /// The first column of the first row, converted to <typeparamref name="T"/>; default when there
    /// is no row or it is NULL and <typeparamref name="T"/> can hold null.
    /// </summary>
    public T? ExecuteScalar<T>(string sql, CancellationToken cancellationToken = default)
    {
        using var reader = Query(sql, cancellationToken);
        return reader.ReadScalar<T>();
    }

    /// <summary>Prepares one statement with <c>$1</c>/<c>?</c> parameters, bound 1-based.</summary>
    /// <exception cref="DuckDbException">DuckDB could not prepare it; the message is DuckDB's.</exception>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        if (NativeMethods.Prepare(Handle, sql, out var statement) != DuckDbState.Success)
        {
            using (statement)
            {
                throw DuckDbException.FromPrepare(statement);
            }
        }

        return new DuckDbPreparedStatement(this, statement);
    }

    /// <summary>
    /// Splits <paramref name="sql"/> into its statements with DuckDB's parser, without preparing or running any.
    /// </summary>
    /// <exception cref="DuckDbException">The text does not parse; the message is DuckDB's.</exception>
    public DuckDbExtractedStatements ExtractStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        var count = NativeMethods.ExtractStatements(Handle, sql, out var statements);
        var error = NativeMethods.ExtractStatementsError(statements);
        if (error != 0)
        {
            using (statements)
            {
                throw DuckDbException.FromMessage(Marshal.PtrToStringUTF8(error) ?? "DuckDB could not parse the statements");
            }
        }

        return new DuckDbExtractedStatements(this, statements, checked((int)count));
    }

    /// <summary>
    /// The profile of this connection's last query, copied out of DuckDB; null when profiling is off (turn it on
    /// with <c>SET enable_profiling = 'no_output'</c> on this connection).
    /// </summary>
    public DuckDbProfile? GetProfile()
    {
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        return DuckDbProfile.Read(Handle);
    }

    /// <summary>Asks DuckDB to stop the statement this connection is running; safe from any thread.</summary>
    public void Interrupt()
    {
        if (!Handle.IsClosed)
        {
            NativeMethods.Interrupt(Handle);
        }
    }

    public void Dispose() => Handle.Dispose();

    private DuckDbResultHandle Run(string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        return DuckDbExecution.Run(Handle, result => NativeMethods.Query(Handle, sql, result), cancellationToken);
    }
}
