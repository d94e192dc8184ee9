namespace Lake.QueryService.Sandbox;

/// <summary>
/// Why a query was not run, or not answered: an HTTP status, a stable <see cref="Code"/> clients can switch on, a
/// title and a message saying what to do. Every refusal is a 4xx ProblemDetails.
/// </summary>
public sealed class QueryRefusal(int status, string code, string title, string detail, Exception? cause = null) : Exception(detail, cause)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public static QueryRefusal Empty() =>
        new(StatusCodes.Status400BadRequest, "empty-query", "No statement", "Send one SQL statement in \"sql\".");

    public static QueryRefusal InvalidSql(string duckDbMessage, Exception cause) =>
        new(StatusCodes.Status400BadRequest, "invalid-sql", "Invalid SQL", duckDbMessage, cause);

    public static QueryRefusal MultipleStatements(int count) =>
        new(StatusCodes.Status400BadRequest, "multiple-statements", "One statement per request",
            $"The request holds {count} statements; send them one at a time.");

    public static QueryRefusal NotReadOnly(string keyword) =>
        new(StatusCodes.Status400BadRequest, "statement-not-allowed", "Statement not allowed",
            $"Only read-only statements run here (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of a query); this statement is {keyword}.");

    public static QueryRefusal AccessDenied(string duckDbMessage, Exception cause) =>
        new(StatusCodes.Status403Forbidden, "access-denied", "Access denied",
            $"Queries read the lake's tables only: no other files, no network. DuckDB said: {duckDbMessage}", cause);

    public static QueryRefusal TimedOut(int seconds, Exception cause) =>
        new(StatusCodes.Status422UnprocessableEntity, "timeout", "Query timed out",
            $"The statement ran longer than {seconds} s (Query:TimeoutSeconds) and was stopped; filter on a partition key or aggregate.", cause);

    public static QueryRefusal TooManyRows(int maxRows) =>
        new(StatusCodes.Status413PayloadTooLarge, "too-many-rows", "Result too large",
            $"The result has more than {maxRows} rows (Query:MaxRows); add a LIMIT or aggregate.");

    public static QueryRefusal ResultTooLarge(string maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "result-too-large", "Result too large",
            $"The result's values take more than {maxBytes} (Query:MaxResultBytes); select fewer or narrower columns, add a LIMIT or aggregate.");

    public static QueryRefusal ShortLaneTimedOut(int seconds, int longLanes, Exception cause) =>
        new(StatusCodes.Status422UnprocessableEntity, "short-lane-timeout", "Query stopped in the short lane",
            $"All {longLanes} connections for long statements were busy, so this one ran in the lane kept for short statements, which allows {seconds} s (Query:ShortLaneSeconds); run it again when fewer long statements are running.", cause);

    public static QueryRefusal ServerInternals(string name) =>
        new(StatusCodes.Status403Forbidden, "access-denied", "Access denied",
            $"{name} reads the query service's own settings, files or paths; queries read the lake's tables only.");

    public static QueryRefusal InvalidRequest(int status, string detail, Exception? cause = null) =>
        new(status, "invalid-request", "Invalid request", detail, cause);

    /// <summary>The same refusal with <paramref name="path"/> (the cache directory) replaced by <c>{cache}</c>: DuckDB's messages name files.</summary>
    public QueryRefusal WithoutPath(string path) =>
        Message.Contains(path, StringComparison.Ordinal)
            ? new(Status, Code, Title, Message.Replace(path, "{cache}", StringComparison.Ordinal), InnerException)
            : this;

    public static QueryRefusal OutOfMemory(string duckDbMessage, Exception cause) =>
        new(StatusCodes.Status422UnprocessableEntity, "out-of-memory", "Query needs too much memory",
            $"The statement needs more memory than Query:MemoryLimit allows, or more spill space than Query:MaxTempDirectorySize. DuckDB said: {duckDbMessage}", cause);

    public static QueryRefusal Failed(string duckDbMessage, Exception cause) =>
        new(StatusCodes.Status400BadRequest, "query-failed", "Query failed", duckDbMessage, cause);
}
