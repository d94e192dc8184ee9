using System.Text.RegularExpressions;
using Lake.Aws.Athena;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Athena;

/// <summary>
/// What Athena says about a statement: its type (<c>DML</c> for queries, <c>UTILITY</c> for DESCRIBE, SHOW, EXPLAIN),
/// and a refusal of the sandbox as Athena reports a failed query: <c>StateChangeReason</c> led by Trino's error name
/// (<c>TABLE_NOT_FOUND: ...</c>, <c>FUNCTION_NOT_FOUND: line 1:8: Function 'foo' not registered</c>) and an
/// <see cref="AthenaError"/> (category 1 system, 2 user).
/// </summary>
public static partial class AthenaStatements
{
    public static string StatementType(string? sql) =>
        FirstWord().Match(sql ?? "") is { Success: true } word && word.Value.ToUpperInvariant() is "DESCRIBE" or "SHOW" or "EXPLAIN" or "SUMMARIZE"
            ? "UTILITY"
            : "DML";

    /// <summary>The reason and error of a query the sandbox refused or DuckDB failed.</summary>
    /// <param name="database">The lake's database, to name a missing table as Athena does (<c>awsdatacatalog.lake.x</c>).</param>
    public static (string Reason, AthenaError Error) Failure(QueryRefusal refusal, string sql, string database)
    {
        var (name, type) = refusal.Code switch
        {
            "empty-query" or "invalid-sql" or "multiple-statements" => ("SYNTAX_ERROR", 1006),
            "statement-not-allowed" => ("NOT_SUPPORTED", 1006),
            "access-denied" => ("PERMISSION_DENIED", 1006),
            "timeout" => ("EXCEEDED_TIME_LIMIT", 1101),
            "out-of-memory" => ("EXCEEDED_MEMORY_LIMIT", 1102),
            "too-many-rows" => ("EXCEEDED_LIMIT", 1102),
            _ => ("GENERIC_USER_ERROR", 1006),
        };
        var message = refusal.Message;
        if (refusal.Code == "query-failed")
        {
            if (MissingFunction().Match(message) is { Success: true } function)
            {
                return (FunctionNotFound(function.Groups["name"].Value, sql), UserError(1006, FunctionNotFound(function.Groups["name"].Value, sql)));
            }

            if (MissingTable().Match(message) is { Success: true } table)
            {
                var notFound = TableNotFound(table.Groups["name"].Value, sql, database);
                return (notFound, UserError(1006, notFound));
            }

            name = message switch
            {
                _ when message.Contains("Schema with name", StringComparison.Ordinal) => "SCHEMA_NOT_FOUND",
                _ when message.StartsWith("Binder Error: Referenced column", StringComparison.Ordinal)
                    || message.Contains("not found in FROM clause", StringComparison.Ordinal) => "COLUMN_NOT_FOUND",
                _ when message.StartsWith("Conversion Error", StringComparison.Ordinal) => "INVALID_CAST_ARGUMENT",
                _ when message.StartsWith("Binder Error", StringComparison.Ordinal) => "TYPE_MISMATCH",
                _ => name,
            };
        }

        var reason = $"{name}: {message}";
        return (reason, UserError(type, reason));
    }

    /// <summary>Athena's words for a function it does not know, with the line and column of its first call.</summary>
    public static string FunctionNotFound(string function, string sql)
    {
        var at = Regex.Match(sql, $@"(?<![\w""]){Regex.Escape(function)}\s*\(", RegexOptions.IgnoreCase);
        var position = at.Success ? Position(sql, at.Index) : "line 1:1";
        return $"FUNCTION_NOT_FOUND: {position}: Function '{function.ToLowerInvariant()}' not registered";
    }

    /// <summary>Athena's words for a missing table: <c>TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.lake.x' does not exist</c>.</summary>
    public static string TableNotFound(string table, string sql, string database)
    {
        var at = Regex.Match(sql, $@"(?<![\w]){Regex.Escape(table)}(?![\w])", RegexOptions.IgnoreCase);
        var qualified = at.Success ? sql.LastIndexOfAny([' ', '\n', '\t', ','], Math.Max(0, at.Index - 1)) + 1 : 0;
        var position = at.Success ? Position(sql, qualified) : "line 1:1";
        return $"TABLE_NOT_FOUND: {position}: Table 'awsdatacatalog.{database.ToLowerInvariant()}.{table.ToLowerInvariant()}' does not exist";
    }

    public static AthenaError UserError(int type, string message) =>
        new() { ErrorCategory = 2, ErrorType = type, Retryable = false, ErrorMessage = message };

    public static AthenaError SystemError(string message) =>
        new() { ErrorCategory = 1, ErrorType = 401, Retryable = true, ErrorMessage = message };

    /// <summary><c>line L:C</c>, both counted from 1, of <paramref name="index"/> in <paramref name="sql"/>.</summary>
    private static string Position(string sql, int index)
    {
        var before = sql[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return $"line {line}:{column}";
    }

    [GeneratedRegex(@"(?<=^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*)[A-Za-z]+", RegexOptions.Singleline)]
    private static partial Regex FirstWord();

    // DuckDB: "Catalog Error: Scalar Function with name foo does not exist!" (also Aggregate, Table, Macro).
    [GeneratedRegex(@"Catalog Error: (?:Scalar |Aggregate |Table |Macro )?Function with name (?<name>\w+) does not exist")]
    private static partial Regex MissingFunction();

    [GeneratedRegex(@"Catalog Error: Table with name (?<name>[^\s!]+) does not exist")]
    private static partial Regex MissingTable();
}
