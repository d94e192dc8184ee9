using System.Runtime.InteropServices;

namespace Lake.DuckDb.Native;

// Extract Statements section: split a query string into its statements, each prepared on its own.
internal static partial class NativeMethods
{
    /// <summary>The number of statements; 0 when the text does not parse (see <see cref="ExtractStatementsError"/>).</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_extract_statements", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong ExtractStatements(DuckDbConnectionHandle connection, string query, out DuckDbExtractedStatementsHandle statements);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_prepare_extracted_statement")]
    internal static partial DuckDbState PrepareExtractedStatement(
        DuckDbConnectionHandle connection, DuckDbExtractedStatementsHandle statements, ulong index, out DuckDbPreparedStatementHandle statement);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_extract_statements_error")]
    internal static partial nint ExtractStatementsError(DuckDbExtractedStatementsHandle statements);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_extracted")]
    internal static partial void DestroyExtracted(ref nint statements);
}
