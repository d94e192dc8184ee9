using System.Text.RegularExpressions;
using Lake.DuckDb;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Lets exactly one read-only statement through, classified by DuckDB itself: its parser splits the text
/// (<c>duckdb_extract_statements</c>), <c>json_serialize_sql</c> says whether the statement is a SELECT as written
/// (DESCRIBE, SHOW, SUMMARIZE, WITH and FROM-first queries are; PRAGMA, CALL, COPY, ATTACH, SET, ... are not, even
/// where DuckDB later rewrites them into a SELECT), and the prepared statement's type confirms it. An EXPLAIN is
/// allowed when what it explains passes the same test, since EXPLAIN ANALYZE runs it.
/// </summary>
public static partial class StatementGuard
{
    /// <summary>The statement, prepared and ready to run.</summary>
    /// <exception cref="QueryRefusal">Not exactly one read-only statement, or DuckDB refused to prepare it.</exception>
    public static DuckDbPreparedStatement Prepare(DuckDbConnection connection, string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw QueryRefusal.Empty();
        }

        using var statements = Extract(connection, sql);
        if (statements.Count == 0)
        {
            throw QueryRefusal.Empty();
        }

        if (statements.Count > 1)
        {
            throw QueryRefusal.MultipleStatements(statements.Count);
        }

        if (!IsSelect(connection, sql) && !(Explained(sql) is { } inner && IsSelect(connection, inner)))
        {
            throw QueryRefusal.NotReadOnly(Keyword(sql));
        }

        var statement = PrepareOrRefuse(statements);
        if (statement.StatementType is not (DuckDbStatementType.Select or DuckDbStatementType.Explain))
        {
            var type = statement.StatementType;
            statement.Dispose();
            throw QueryRefusal.NotReadOnly(type.ToString().ToUpperInvariant());
        }

        return statement;
    }

    /// <summary>What an EXPLAIN [ANALYZE] [(options)] statement explains; null when <paramref name="sql"/> is no EXPLAIN.</summary>
    public static string? Explained(string sql) => ExplainPrefix().Match(sql) is { Success: true } match ? match.Groups["inner"].Value : null;

    /// <summary>Maps a DuckDB failure to the refusal a client should see.</summary>
    public static QueryRefusal Refusal(DuckDbException error) => error.ErrorType switch
    {
        DuckDbErrorType.Permission => QueryRefusal.AccessDenied(error.Message, error),
        DuckDbErrorType.OutOfMemory => QueryRefusal.OutOfMemory(error.Message, error),
        DuckDbErrorType.Parser or DuckDbErrorType.Syntax => QueryRefusal.InvalidSql(error.Message, error),
        _ => QueryRefusal.Failed(error.Message, error),
    };

    private static DuckDbExtractedStatements Extract(DuckDbConnection connection, string sql)
    {
        try
        {
            return connection.ExtractStatements(sql);
        }
        catch (DuckDbException error)
        {
            throw QueryRefusal.InvalidSql(error.Message, error);
        }
    }

    private static DuckDbPreparedStatement PrepareOrRefuse(DuckDbExtractedStatements statements)
    {
        try
        {
            return statements.Prepare(0);
        }
        catch (DuckDbException error)
        {
            throw Refusal(error);
        }
    }

    // The parser's own verdict: json_serialize_sql serializes SELECT statements only.
    private static bool IsSelect(DuckDbConnection connection, string sql)
    {
        using var check = connection.Prepare("SELECT (json_serialize_sql($1::VARCHAR)::JSON ->> 'error')::BOOLEAN");
        return check.Bind(1, sql).ExecuteScalar<bool>() is false;
    }

    // Names the statement in a refusal as its author wrote it (COPY, ATTACH, PRAGMA, ...); the decision is DuckDB's.
    private static string Keyword(string sql) => FirstWord().Match(sql) is { Success: true } word ? word.Value.ToUpperInvariant() : "not a query";

    [GeneratedRegex(@"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*EXPLAIN\s+(?:\([^)]*\)\s*)?(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?(?<inner>\S.*)$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ExplainPrefix();

    [GeneratedRegex(@"(?<=^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*)[A-Za-z]+", RegexOptions.Singleline)]
    private static partial Regex FirstWord();
}
