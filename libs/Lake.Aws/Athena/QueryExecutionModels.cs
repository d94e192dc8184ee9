namespace Lake.Aws.Athena;

/// <summary>The states of <see cref="QueryExecutionStatus.State"/>, as <c>Amazon.Athena.QueryExecutionState</c> names them.</summary>
public static class QueryExecutionState
{
    public const string QUEUED = "QUEUED";
    public const string RUNNING = "RUNNING";
    public const string SUCCEEDED = "SUCCEEDED";
    public const string FAILED = "FAILED";
    public const string CANCELLED = "CANCELLED";

    /// <summary>Whether <paramref name="state"/> is final: nothing changes after it.</summary>
    public static bool IsFinal(string? state) => state is SUCCEEDED or FAILED or CANCELLED;
}

/// <summary>The database and catalog a query's unqualified table names refer to.</summary>
public sealed class QueryExecutionContext
{
    public string? Database { get; set; }

    /// <summary><c>AwsDataCatalog</c> (the Glue Data Catalog) unless set otherwise.</summary>
    public string? Catalog { get; set; }
}

/// <summary>Where results go: <c>{OutputLocation}{QueryExecutionId}.csv</c> and <c>.csv.metadata</c>.</summary>
public sealed class ResultConfiguration
{
    /// <summary>An <c>s3://bucket/prefix/</c> URL; in a <see cref="QueryExecution"/>, the result file itself.</summary>
    public string? OutputLocation { get; set; }
}

public sealed class StartQueryExecutionRequest
{
    public string QueryString { get; set; } = string.Empty;

    /// <summary>Makes the call idempotent: the same token and request start one execution (32-128 characters).</summary>
    public string? ClientRequestToken { get; set; }

    public QueryExecutionContext? QueryExecutionContext { get; set; }

    public ResultConfiguration? ResultConfiguration { get; set; }

    /// <summary><c>primary</c> unless set.</summary>
    public string? WorkGroup { get; set; }

    /// <summary>Values for the query's <c>?</c> placeholders, in order, as SQL literals.</summary>
    public List<string> ExecutionParameters { get; set; } = [];
}

public sealed class StartQueryExecutionResponse
{
    public string QueryExecutionId { get; set; } = string.Empty;
}

public sealed class GetQueryExecutionRequest
{
    public string QueryExecutionId { get; set; } = string.Empty;
}

public sealed class GetQueryExecutionResponse
{
    public QueryExecution QueryExecution { get; set; } = new();
}

/// <summary>One query execution: what ran, where its results are, its state and figures.</summary>
public sealed class QueryExecution
{
    public string QueryExecutionId { get; set; } = string.Empty;

    public string? Query { get; set; }

    /// <summary><c>DML</c> for queries, <c>UTILITY</c> for DESCRIBE/SHOW/EXPLAIN.</summary>
    public string? StatementType { get; set; }

    public string? SubstatementType { get; set; }

    public ResultConfiguration? ResultConfiguration { get; set; }

    public QueryExecutionContext? QueryExecutionContext { get; set; }

    public QueryExecutionStatus? Status { get; set; }

    public QueryExecutionStatistics? Statistics { get; set; }

    public string? WorkGroup { get; set; }

    public EngineVersion? EngineVersion { get; set; }

    public List<string> ExecutionParameters { get; set; } = [];
}

public sealed class QueryExecutionStatus
{
    /// <summary>One of <see cref="QueryExecutionState"/>.</summary>
    public string? State { get; set; }

    /// <summary>Why a query failed or was cancelled.</summary>
    public string? StateChangeReason { get; set; }

    public DateTime? SubmissionDateTime { get; set; }

    public DateTime? CompletionDateTime { get; set; }

    public AthenaError? AthenaError { get; set; }
}

/// <summary>What went wrong: <c>ErrorCategory</c> 1 system, 2 user, 3 other; <c>ErrorType</c> as Athena numbers them.</summary>
public sealed class AthenaError
{
    public int? ErrorCategory { get; set; }

    public int? ErrorType { get; set; }

    public bool? Retryable { get; set; }

    public string? ErrorMessage { get; set; }
}

public sealed class QueryExecutionStatistics
{
    public long? EngineExecutionTimeInMillis { get; set; }

    public long? DataScannedInBytes { get; set; }

    public long? TotalExecutionTimeInMillis { get; set; }

    public long? QueryQueueTimeInMillis { get; set; }

    public long? ServicePreProcessingTimeInMillis { get; set; }

    public long? QueryPlanningTimeInMillis { get; set; }

    public long? ServiceProcessingTimeInMillis { get; set; }
}

public sealed class EngineVersion
{
    public string? SelectedEngineVersion { get; set; }

    public string? EffectiveEngineVersion { get; set; }
}

public sealed class StopQueryExecutionRequest
{
    public string QueryExecutionId { get; set; } = string.Empty;
}

public sealed class StopQueryExecutionResponse;

/// <summary>The workgroup's query execution ids, newest first.</summary>
public sealed class ListQueryExecutionsRequest
{
    public string? WorkGroup { get; set; }

    /// <summary>1-50; 50 unless set.</summary>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListQueryExecutionsResponse
{
    public List<string> QueryExecutionIds { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class BatchGetQueryExecutionRequest
{
    /// <summary>1-50 ids.</summary>
    public List<string> QueryExecutionIds { get; set; } = [];
}

public sealed class BatchGetQueryExecutionResponse
{
    public List<QueryExecution> QueryExecutions { get; set; } = [];

    public List<UnprocessedQueryExecutionId> UnprocessedQueryExecutionIds { get; set; } = [];
}

public sealed class UnprocessedQueryExecutionId
{
    public string? QueryExecutionId { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }
}
