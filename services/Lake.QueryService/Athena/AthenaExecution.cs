using Lake.Aws.Athena;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Athena;

/// <summary>
/// One query execution as the service keeps it: what was asked, its state (QUEUED → RUNNING → SUCCEEDED / FAILED /
/// CANCELLED, final states never change) and, once it succeeded, its result. Thread-safe: the runner writes, requests read.
/// </summary>
public sealed class AthenaExecution(string id, StartQueryExecutionRequest request, string database, string catalog, string workGroup, string outputLocation, DateTime submittedAt)
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private string _state = QueryExecutionState.QUEUED;
    private string? _reason;
    private AthenaError? _error;
    private DateTime? _startedAt;
    private DateTime? _completedAt;
    private QueryResult? _result;

    public string Id { get; } = id;

    public StartQueryExecutionRequest Request { get; } = request;

    public string Database { get; } = database;

    public string Catalog { get; } = catalog;

    public string WorkGroup { get; } = workGroup;

    /// <summary>The result file: <c>{OutputLocation}{id}.csv</c>.</summary>
    public string ResultLocation { get; } = outputLocation.TrimEnd('/') + "/" + id + ".csv";

    public DateTime SubmittedAt { get; } = submittedAt;

    /// <summary>Cancelled by StopQueryExecution (or the service stopping).</summary>
    public CancellationToken Stopping => _stop.Token;

    public string State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public bool IsFinal => QueryExecutionState.IsFinal(State);

    /// <summary>The result of a SUCCEEDED execution; null otherwise.</summary>
    public QueryResult? Result
    {
        get
        {
            lock (_lock)
            {
                return _result;
            }
        }
    }

    /// <summary>QUEUED → RUNNING; false when it was cancelled meanwhile.</summary>
    public bool TryStart(DateTime now) => Transition(QueryExecutionState.RUNNING, now, null, null, null, from: QueryExecutionState.QUEUED);

    public bool TrySucceed(DateTime now, QueryResult result) => Transition(QueryExecutionState.SUCCEEDED, now, null, null, result);

    public bool TryFail(DateTime now, string reason, AthenaError error) => Transition(QueryExecutionState.FAILED, now, reason, error, null);

    /// <summary>Stops it: a queued or running execution becomes CANCELLED at once and its statement is interrupted.</summary>
    public void Cancel(DateTime now, string reason)
    {
        Transition(QueryExecutionState.CANCELLED, now, reason, null, null);
        _stop.Cancel();
    }

    /// <summary>The execution as GetQueryExecution describes it.</summary>
    public QueryExecution Describe()
    {
        lock (_lock)
        {
            var engine = _result is null ? (long?)null : (long)Math.Round(_result.Elapsed.TotalMilliseconds);
            return new QueryExecution
            {
                QueryExecutionId = Id,
                Query = Request.QueryString,
                StatementType = AthenaStatements.StatementType(Request.QueryString),
                ResultConfiguration = new ResultConfiguration { OutputLocation = ResultLocation },
                QueryExecutionContext = new QueryExecutionContext { Database = Database, Catalog = Catalog },
                Status = new QueryExecutionStatus
                {
                    State = _state,
                    StateChangeReason = _reason,
                    SubmissionDateTime = SubmittedAt,
                    CompletionDateTime = _completedAt,
                    AthenaError = _error,
                },
                Statistics = new QueryExecutionStatistics
                {
                    EngineExecutionTimeInMillis = engine ?? 0,
                    DataScannedInBytes = _result?.Scanned.BytesScanned ?? 0,
                    QueryQueueTimeInMillis = Millis(SubmittedAt, _startedAt ?? _completedAt),
                    TotalExecutionTimeInMillis = Millis(SubmittedAt, _completedAt),
                    ServiceProcessingTimeInMillis = 0,
                    ServicePreProcessingTimeInMillis = 0,
                    QueryPlanningTimeInMillis = 0,
                },
                WorkGroup = WorkGroup,
                EngineVersion = AthenaWorkGroups.Engine,
                ExecutionParameters = Request.ExecutionParameters,
            };
        }
    }

    private bool Transition(string to, DateTime now, string? reason, AthenaError? error, QueryResult? result, string? from = null)
    {
        lock (_lock)
        {
            if (QueryExecutionState.IsFinal(_state) || (from is not null && _state != from))
            {
                return false;
            }

            _state = to;
            _reason = reason;
            _error = error;
            _result = result;
            if (to == QueryExecutionState.RUNNING)
            {
                _startedAt = now;
            }
            else
            {
                _completedAt = now;
            }

            return true;
        }
    }

    private static long? Millis(DateTime from, DateTime? to) => to is null ? null : (long)Math.Round((to.Value - from).TotalMilliseconds);
}
