using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Lake.Aws.Athena;
using Lake.QueryService.Cache;
using Lake.QueryService.Sandbox;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Athena;

/// <summary>
/// The query executions the Athena API started: each runs in the background through the same <see cref="QueryRunner"/>
/// (sandbox, limits, cache) as <c>/v1/query</c>, at most <c>Query:MaxConcurrentQueries</c> at once (the rest stay
/// QUEUED), and a succeeded one's result is written to S3 before it reads SUCCEEDED. <c>ClientRequestToken</c>s make
/// starts idempotent. The newest <c>Athena:RetainedExecutions</c> are kept, finished ones forgotten oldest first;
/// stopping the service cancels what is still queued or running.
/// </summary>
public sealed class AthenaQueryExecutions(
    QueryRunner runner, AthenaResultFiles files, AthenaWorkGroups workGroups, LakeCache cache, IOptions<AthenaOptions> options,
    IOptions<QueryOptions> queryOptions, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<AthenaQueryExecutions> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AthenaExecution> _byId = new(StringComparer.Ordinal);
    private readonly List<AthenaExecution> _order = [];
    private readonly Dictionary<string, (string Fingerprint, AthenaExecution Execution)> _byToken = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(queryOptions.Value.MaxConcurrentQueries);

    /// <exception cref="AthenaException">A bad request, a reused token with other parameters, too many pending executions.</exception>
    public AthenaExecution Start(StartQueryExecutionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.QueryString))
        {
            throw AthenaException.InvalidRequest("1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        if (request.ClientRequestToken is { Length: < 32 or > 128 })
        {
            throw AthenaException.InvalidRequest("1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 32 and 128");
        }

        if (request.ExecutionParameters.Count > 0)
        {
            throw AthenaException.InvalidRequest("ExecutionParameters are not supported by the query service: write the values into the query.");
        }

        var workGroup = workGroups.Resolve(request.WorkGroup);
        var output = request.ResultConfiguration?.OutputLocation is { Length: > 0 } requested
            ? (Catalog.S3Location.TryParse(requested) is not null ? AthenaWorkGroups.Normalize(requested) : throw AthenaException.InvalidRequest($"outputLocation is not a valid S3 path: {requested}"))
            : workGroups.OutputLocation;
        var database = request.QueryExecutionContext?.Database is { Length: > 0 } named ? named : cache.Database;
        var catalog = request.QueryExecutionContext?.Catalog is { Length: > 0 } catalogName ? catalogName : AthenaWorkGroups.Catalog;
        var fingerprint = string.Join('\n', request.QueryString, database, catalog, workGroup, output);
        lock (_lock)
        {
            if (request.ClientRequestToken is { } token && _byToken.TryGetValue(token, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? earlier.Execution
                    : throw AthenaException.InvalidRequest("Idempotent parameters do not match: this ClientRequestToken started a different query.");
            }

            if (_order.Count(e => !e.IsFinal) >= options.Value.MaxPendingExecutions)
            {
                throw AthenaException.TooManyRequests($"Rate exceeded: {options.Value.MaxPendingExecutions} queries are already queued or running (Athena:MaxPendingExecutions).");
            }

            var execution = new AthenaExecution(Guid.NewGuid().ToString(), request, database, catalog, workGroup, output, time.GetUtcNow().UtcDateTime);
            _byId.Add(execution.Id, execution);
            _order.Add(execution);
            if (request.ClientRequestToken is { } newToken)
            {
                _byToken[newToken] = (fingerprint, execution);
            }

            ForgetOldest();
            _ = Task.Run(() => RunAsync(execution), CancellationToken.None);
            return execution;
        }
    }

    /// <exception cref="AthenaException">No such execution (or it was forgotten).</exception>
    public AthenaExecution Get(string? id)
    {
        lock (_lock)
        {
            return id is not null && _byId.TryGetValue(id, out var execution)
                ? execution
                : throw AthenaException.InvalidRequest($"QueryExecution {id} was not found");
        }
    }

    public bool TryGet(string id, [NotNullWhen(true)] out AthenaExecution? execution)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out execution);
        }
    }

    /// <summary>Every kept execution, newest first.</summary>
    public IReadOnlyList<AthenaExecution> Newest()
    {
        lock (_lock)
        {
            return [.. Enumerable.Reverse(_order)];
        }
    }

    public void Stop(string id) => Get(id).Cancel(time.GetUtcNow().UtcDateTime, "Query cancelled by user");

    private void ForgetOldest()
    {
        while (_order.Count > options.Value.RetainedExecutions && _order.FirstOrDefault(e => e.IsFinal) is { } oldest)
        {
            _order.Remove(oldest);
            _byId.Remove(oldest.Id);
            if (oldest.Request.ClientRequestToken is { } token)
            {
                _byToken.Remove(token);
            }
        }
    }

    private async Task RunAsync(AthenaExecution execution)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(execution.Stopping, lifetime.ApplicationStopping);
        try
        {
            await _slots.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Cancelled(execution);
            return;
        }

        var sql = execution.Request.QueryString;
        try
        {
            if (!execution.TryStart(Now))
            {
                return;
            }

            if (ContextFailure(execution) is { } failure)
            {
                execution.TryFail(Now, failure, AthenaStatements.UserError(1006, failure));
                return;
            }

            var result = await runner.RunAsync(sql, stop.Token);
            await files.WriteAsync(execution.ResultLocation, result, stop.Token);
            execution.TrySucceed(Now, result);
            logger.LogInformation("Athena query {QueryExecutionId} succeeded: {Rows} rows, results at {ResultLocation}", execution.Id, result.Rows.Count, execution.ResultLocation);
        }
        catch (QueryRefusal refusal)
        {
            var (reason, error) = AthenaStatements.Failure(refusal, sql, cache.Database);
            execution.TryFail(Now, reason, error);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Cancelled(execution);
        }
        catch (CatalogUnavailableException error)
        {
            var reason = $"HIVE_METASTORE_ERROR: The catalog or the curated bucket could not be read: {error.Message}";
            execution.TryFail(Now, reason, AthenaStatements.SystemError(reason));
        }
        catch (AmazonServiceException error)
        {
            var reason = $"Unable to write the results to {execution.ResultLocation}: {error.ErrorCode} {error.Message}";
            logger.LogWarning(error, "Athena query {QueryExecutionId}: {Reason}", execution.Id, reason);
            execution.TryFail(Now, reason, AthenaStatements.SystemError(reason));
        }
        catch (Exception error)
        {
            logger.LogError(error, "Athena query {QueryExecutionId} failed unexpectedly", execution.Id);
            execution.TryFail(Now, "GENERIC_INTERNAL_ERROR: the query service failed; its log has the details.", AthenaStatements.SystemError("GENERIC_INTERNAL_ERROR"));
        }
        finally
        {
            _slots.Release();
        }
    }

    private string? ContextFailure(AthenaExecution execution) =>
        !string.Equals(execution.Catalog, AthenaWorkGroups.Catalog, StringComparison.OrdinalIgnoreCase)
            ? $"CATALOG_NOT_FOUND: line 1:1: Catalog '{execution.Catalog.ToLowerInvariant()}' does not exist"
            : !string.Equals(execution.Database, cache.Database, StringComparison.OrdinalIgnoreCase)
                ? $"SCHEMA_NOT_FOUND: line 1:1: Schema '{execution.Database.ToLowerInvariant()}' does not exist"
                : null;

    private void Cancelled(AthenaExecution execution) =>
        execution.Cancel(Now, lifetime.ApplicationStopping.IsCancellationRequested ? "The query service stopped." : "Query cancelled by user");

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
