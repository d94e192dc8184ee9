using System.Globalization;
using DuckDB.NET.Data;

namespace Lake.DuckDb;

/// <summary>
/// Runs SQL on a DuckDB.NET connection so that a cancelled token stops DuckDB. DuckDB.NET's <c>Execute*Async</c> run
/// synchronously and it ignores <c>CommandTimeout</c>, but ADO.NET's async methods hand the token to
/// <see cref="DuckDBCommand.Cancel"/>, which interrupts the connection's running statement. What DuckDB then reports —
/// DuckDB.NET's bare <see cref="OperationCanceledException"/>, or an <c>INTERRUPT Error</c> when the interrupt came
/// while the statement was still being prepared — ends as an <see cref="OperationCanceledException"/> carrying the token.
/// </summary>
/// <remarks>The calls block while DuckDB works: run them on a thread that may block.</remarks>
public static class DuckDbConnectionExtensions
{
    /// <summary>Runs <paramref name="sql"/> (one or more statements); returns the rows they changed.</summary>
    /// <exception cref="DuckDBException">DuckDB failed; see <see cref="DuckDbErrors.Kind"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> interrupted it.</exception>
    public static async Task<int> ExecuteAsync(this DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, sql);
        return await Cancellable(command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The first column of the first row as <typeparamref name="T"/> (numbers converted when they fit); default when
    /// there is no row or it is NULL.
    /// </summary>
    public static async Task<T?> ExecuteScalarAsync<T>(this DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, sql);
        var value = await Cancellable(command.ExecuteScalarAsync(cancellationToken), cancellationToken);
        return value switch
        {
            null or DBNull => default,
            T same => same,
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Runs a query; the reader's rows are computed before it returns (DuckDB.NET's materialized mode).</summary>
    public static async Task<DuckDBDataReader> ExecuteReaderAsync(this DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        // Not disposed here: the reader runs the text's further statements (NextResult) through it.
        var command = Command(connection, sql);
        return (DuckDBDataReader)await Cancellable(command.ExecuteReaderAsync(cancellationToken), cancellationToken);
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static async Task<T> Cancellable<T>(Task<T> running, CancellationToken cancellationToken)
    {
        try
        {
            return await running;
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is DuckDBException or OperationCanceledException)
        {
            throw new OperationCanceledException($"The DuckDB statement was cancelled ({error.Message}).", error, cancellationToken);
        }
    }
}
