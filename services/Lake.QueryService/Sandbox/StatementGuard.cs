using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Lake.DuckDb;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Lets exactly one read-only statement through, classified by DuckDB itself: its parser splits the text
/// (<c>duckdb_extract_statements</c>), and <c>json_serialize_sql</c> — which serializes only statements the parser reads
/// as a SELECT — says whether the statement is a query as written (DESCRIBE, SHOW, SUMMARIZE, WITH, VALUES and
/// FROM-first queries are; PRAGMA, CALL, COPY, ATTACH, SET, ... are not, even where DuckDB later rewrites them into a
/// SELECT). An EXPLAIN is allowed when what it explains passes the same test, since EXPLAIN ANALYZE runs it. Binding
/// errors (an unknown table, a file outside the cache) surface when the statement runs, through <see cref="Refusal"/>.
/// </summary>
public static partial class StatementGuard
{
    /// <exception cref="QueryRefusal">Not exactly one read-only statement.</exception>
    public static void Check(DuckDBConnection connection, string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw QueryRefusal.Empty();
        }

        var count = CountStatements(connection, sql);
        if (count == 0)
        {
            throw QueryRefusal.Empty();
        }

        if (count > 1)
        {
            throw QueryRefusal.MultipleStatements(count);
        }

        if (!IsSelect(connection, sql) && !(Explained(sql) is { } inner && IsSelect(connection, inner)))
        {
            throw QueryRefusal.NotReadOnly(Keyword(sql));
        }
    }

    /// <summary>What an EXPLAIN [ANALYZE] [(options)] statement explains; null when <paramref name="sql"/> is no EXPLAIN.</summary>
    public static string? Explained(string sql) => ExplainPrefix().Match(sql) is { Success: true } match ? match.Groups["inner"].Value : null;

    /// <summary>Maps a DuckDB failure to the refusal a client should see, by DuckDB's kind of error.</summary>
    public static QueryRefusal Refusal(DuckDBException error) => error.Kind() switch
    {
        DuckDBErrorType.Permission => QueryRefusal.AccessDenied(error.Message, error),
        DuckDBErrorType.OutOfMemory => QueryRefusal.OutOfMemory(error.Message, error),
        DuckDBErrorType.Parser or DuckDBErrorType.Syntax => QueryRefusal.InvalidSql(error.Message, error),
        _ => QueryRefusal.Failed(error.Message, error),
    };

    private static int CountStatements(DuckDBConnection connection, string sql)
    {
        try
        {
            return connection.CountStatements(sql);
        }
        catch (DuckDbParserException error)
        {
            throw QueryRefusal.InvalidSql(error.Message, error);
        }
    }

    // The parser's own verdict: json_serialize_sql serializes SELECT statements only.
    private static bool IsSelect(DuckDBConnection connection, string sql)
    {
        using var check = new DuckDBCommand("SELECT (json_serialize_sql($1::VARCHAR)::JSON ->> 'error')::BOOLEAN", connection);
        check.Parameters.Add(new DuckDBParameter(sql));
        return check.ExecuteScalar() is false;
    }

    // Names the statement in a refusal as its author wrote it (COPY, ATTACH, PRAGMA, ...); the decision is DuckDB's.
    private static string Keyword(string sql) => FirstWord().Match(sql) is { Success: true } word ? word.Value.ToUpperInvariant() : "not a query";

    [GeneratedRegex(@"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*EXPLAIN\s+(?:\([^)]*\)\s*)?(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?(?<inner>\S.*)$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ExplainPrefix();

    [GeneratedRegex(@"(?<=^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*)[A-Za-z]+", RegexOptions.Singleline)]
    private static partial Regex FirstWord();
}
