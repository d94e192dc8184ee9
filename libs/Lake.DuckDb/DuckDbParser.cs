using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Lake.DuckDb;

/// <summary>
/// DuckDB's own parser splitting a text into statements, without preparing or running any
/// (<c>duckdb_extract_statements</c>, through DuckDB.NET.Bindings' binding): e.g. to refuse a batch.
/// </summary>
public static class DuckDbParser
{
    /// <summary>How many statements <paramref name="sql"/> holds (empty ones between semicolons are not counted).</summary>
    /// <exception cref="DuckDbParserException">The text does not parse; the message is DuckDB's (<c>Parser Error: ...</c>).</exception>
    public static int CountStatements(this DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var statements);
        using (statements)
        {
            var error = count > 0 ? null : NativeMethods.ExtractStatements.DuckDBExtractStatementsError(statements);
            return string.IsNullOrEmpty(error) ? Math.Max(count, 0) : throw new DuckDbParserException(error);
        }
    }
}

/// <summary>DuckDB's parser could not read a text; the message is DuckDB's.</summary>
public sealed class DuckDbParserException(string message) : Exception(message);
