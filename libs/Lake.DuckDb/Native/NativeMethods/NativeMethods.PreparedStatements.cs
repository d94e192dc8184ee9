using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Prepared Statements, Bind Values to Prepared Statements and Execute Prepared Statements sections.
// Parameter indices are 1-based, as in DuckDB.
internal static partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepare", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Prepare(DuckDbConnectionHandle connection, string query, out DuckDbPreparedStatementHandle statement);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_prepare")]
    internal static partial void DestroyPrepare(ref nint statement);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepare_error")]
    internal static partial nint PrepareError(DuckDbPreparedStatementHandle statement);

    /// <summary>A <c>duckdb_statement_type</c> (see DuckDbStatementType).</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepared_statement_type")]
    internal static partial int PreparedStatementType(DuckDbPreparedStatementHandle statement);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_nparams")]
    internal static partial ulong ParameterCount(DuckDbPreparedStatementHandle statement);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_boolean")]
    internal static partial DuckDbState BindBoolean(DuckDbPreparedStatementHandle statement, ulong index, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int32")]
    internal static partial DuckDbState BindInt32(DuckDbPreparedStatementHandle statement, ulong index, int value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_int64")]
    internal static partial DuckDbState BindInt64(DuckDbPreparedStatementHandle statement, ulong index, long value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_double")]
    internal static partial DuckDbState BindDouble(DuckDbPreparedStatementHandle statement, ulong index, double value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_decimal")]
    internal static partial DuckDbState BindDecimal(DuckDbPreparedStatementHandle statement, ulong index, DuckDbNativeDecimal value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_varchar_length")]
    internal static unsafe partial DuckDbState BindVarcharLength(DuckDbPreparedStatementHandle statement, ulong index, byte* value, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_date")]
    internal static partial DuckDbState BindDate(DuckDbPreparedStatementHandle statement, ulong index, DuckDbNativeDate value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_timestamp")]
    internal static partial DuckDbState BindTimestamp(DuckDbPreparedStatementHandle statement, ulong index, DuckDbNativeTimestamp value);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_bind_null")]
    internal static partial DuckDbState BindNull(DuckDbPreparedStatementHandle statement, ulong index);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_execute_prepared")]
    internal static partial DuckDbState ExecutePrepared(DuckDbPreparedStatementHandle statement, DuckDbResultHandle result);
}
