using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>Runs one blocking DuckDB statement call, turning a cancelled token into <c>duckdb_interrupt</c>.</summary>
internal static class DuckDbExecution
{
    /// <summary>
    /// Calls <paramref name="execute"/> with a fresh result. While it runs, cancelling
    /// <paramref name="cancellationToken"/> interrupts the connection's query, which then ends in
    /// <see cref="OperationCanceledException"/>; any other failure is a <see cref="DuckDbException"/>.
    /// </summary>
    public static DuckDbResultHandle Run(
        DuckDbConnectionHandle connection, Func<DuckDbResultHandle, DuckDbState> execute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = DuckDbResultHandle.Allocate();
        DuckDbState state;
        try
        {
            using (cancellationToken.Register(static c => Interrupt((DuckDbConnectionHandle)c!), connection))
            {
                state = execute(result);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        if (state == DuckDbState.Success)
        {
            return result;
        }

        using (result)
        {
            var error = DuckDbException.FromResult(result);
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"The DuckDB query was cancelled ({error.Message}).", error, cancellationToken);
            }

            throw error;
        }
    }

    // Runs on the thread that cancels; the connection may be closing meanwhile.
    private static void Interrupt(DuckDbConnectionHandle connection)
    {
        if (!connection.IsClosed)
        {
            NativeMethods.Interrupt(connection);
        }
    }
}
