using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Query Execution and Result Functions sections. A DuckDbResultHandle marshals as a duckdb_result*.
internal static partial class NativeMethods
{
    [LibraryImport(LibraryName, EntryPoint = "duckdb_query", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Query(DuckDbConnectionHandle connection, string query, DuckDbResultHandle result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(nint result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_name")]
    internal static partial nint ColumnName(DuckDbResultHandle result, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_type")]
    internal static partial int ColumnType(DuckDbResultHandle result, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_logical_type")]
    internal static partial DuckDbLogicalTypeHandle ColumnLogicalType(DuckDbResultHandle result, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(DuckDbResultHandle result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_rows_changed")]
    internal static partial ulong RowsChanged(DuckDbResultHandle result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_result_error")]
    internal static partial nint ResultError(DuckDbResultHandle result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_result_error_type")]
    internal static partial int ResultErrorType(DuckDbResultHandle result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial DuckDbDataChunkHandle FetchChunk(DuckDbNativeResult result);
}
