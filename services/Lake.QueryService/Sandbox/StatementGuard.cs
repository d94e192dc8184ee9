using System.Collections.Frozen;
using System.Text.Json;
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
/// SELECT). An EXPLAIN is allowed when what it explains passes the same test, since EXPLAIN ANALYZE runs it. The same
/// parse tree is searched for functions and catalog views that read the service's own settings and paths
/// (<see cref="ServerInternal"/>). Binding errors (an unknown table, a file outside the cache) surface when the statement
/// runs, through <see cref="Refusal"/>.
/// </summary>
public static partial class StatementGuard
{
    /// <exception cref="QueryRefusal">Not exactly one read-only statement, or one reading the server's settings.</exception>
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

        var tree = Serialized(connection, sql) ?? (Explained(sql) is { } inner ? Serialized(connection, inner) : null);
        if (tree is null)
        {
            throw QueryRefusal.NotReadOnly(Keyword(sql));
        }

        using (tree)
        {
            if (ServerInternal(tree.RootElement) is { } name)
            {
                throw QueryRefusal.ServerInternals(name);
            }
        }
    }

    /// <summary>
    /// The first function or table in a parsed statement that reads the service's own settings, files or paths
    /// (<c>current_setting</c>, <c>duckdb_settings()</c>, <c>information_schema.views</c>, ...); null when none does.
    /// </summary>
    public static string? ServerInternal(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (Text(node, "function_name") is { } function && IsServerInternal(function))
                {
                    return function;
                }

                if (Text(node, "table_name") is { } table && (IsServerInternal(table)
                    || (InternalSchemaViews.Contains(table) && Text(node, "schema_name") is { } schema && InternalSchemas.Contains(schema))))
                {
                    return table;
                }

                foreach (var property in node.EnumerateObject())
                {
                    if (ServerInternal(property.Value) is { } name)
                    {
                        return name;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    if (ServerInternal(item) is { } name)
                    {
                        return name;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // Settings hold the cache, spill and profile paths; the catalog views hold the table views' SQL (the cached files'
    // paths); the others list files, databases, extensions or secrets. pragma_* are PRAGMAs as table functions.
    private static readonly FrozenSet<string> ServerInternals = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "current_setting", "duckdb_settings", "pg_settings", "duckdb_temporary_files", "duckdb_databases", "duckdb_extensions",
        "duckdb_secrets", "which_secret", "duckdb_secret_types", "getenv", "duckdb_views", "pg_views", "duckdb_logs",
        "duckdb_log_contexts", "duckdb_external_file_cache");

    private static readonly FrozenSet<string> InternalSchemaViews = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "views");

    private static readonly FrozenSet<string> InternalSchemas = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "information_schema", "pg_catalog");

    private static bool IsServerInternal(string name) =>
        ServerInternals.Contains(name) || name.StartsWith("pragma_", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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

    // The parser's own verdict: json_serialize_sql serializes SELECT statements only; null when it did not.
    private static JsonDocument? Serialized(DuckDBConnection connection, string sql)
    {
        using var check = new DuckDBCommand("SELECT json_serialize_sql($1::VARCHAR)", connection);
        check.Parameters.Add(new DuckDBParameter(sql));
        var tree = JsonDocument.Parse((string)check.ExecuteScalar()!);
        if (tree.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.False)
        {
            return tree;
        }

        tree.Dispose();
        return null;
    }

    // Names the statement in a refusal as its author wrote it (COPY, ATTACH, PRAGMA, ...); the decision is DuckDB's.
    private static string Keyword(string sql) => FirstWord().Match(sql) is { Success: true } word ? word.Value.ToUpperInvariant() : "not a query";

    [GeneratedRegex(@"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*EXPLAIN\s+(?:\([^)]*\)\s*)?(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?(?<inner>\S.*)$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ExplainPrefix();

    [GeneratedRegex(@"(?<=^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*)[A-Za-z]+", RegexOptions.Singleline)]
    private static partial Regex FirstWord();
}
