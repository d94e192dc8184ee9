using System.Diagnostics;
using DuckDB.NET.Data;
using Lake.DuckDb;
using Lake.QueryService.Cache;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Runs one client statement: brings the cache up to date, borrows a connection, lets <see cref="StatementGuard"/>
/// decide, runs it under <c>Query:TimeoutSeconds</c> (DuckDB is interrupted, not abandoned) and refuses a result over
/// <c>Query:MaxRows</c>. DuckDB blocks, so the work runs on a pool thread; at most
/// <c>Query:MaxConcurrentQueries</c> statements run at once.
/// </summary>
public sealed class QueryRunner(LakeCache cache, SandboxedDatabase database, IOptions<QueryOptions> options, ILogger<QueryRunner> logger)
{
    /// <exception cref="QueryRefusal">The statement was refused, failed, timed out or returned too many rows.</exception>
    /// <exception cref="CatalogUnavailableException">The catalog could not be read and nothing was cached before.</exception>
    public async Task<QueryResult> RunAsync(string? sql, CancellationToken cancellationToken)
    {
        using var activity = QueryTelemetry.Source.StartActivity("query");
        await cache.EnsureFreshAsync(cancellationToken);
        using var running = cache.BeginQuery();
        using var lease = await database.RentAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await Task.Run(() => RunStatementAsync(lease, sql ?? "", stop.Token), CancellationToken.None);
            activity?.SetTag("db.response.returned_rows", result.Rows.Count);
            activity?.SetTag("lake.bytes_scanned", result.Scanned.BytesScanned);
            logger.LogInformation("Query returned {Rows} rows in {ElapsedMs} ms, {BytesScanned} bytes scanned in {FilesScanned} files",
                result.Rows.Count, (long)result.Elapsed.TotalMilliseconds, result.Scanned.BytesScanned, result.Scanned.FilesScanned);
            return result;
        }
        catch (OperationCanceledException error) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Refused(QueryRefusal.TimedOut(options.Value.TimeoutSeconds, error), activity);
        }
        catch (QueryRefusal refusal)
        {
            throw Refused(refusal, activity);
        }
    }

    private async Task<QueryResult> RunStatementAsync(SandboxedDatabase.ConnectionLease lease, string sql, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        StatementGuard.Check(lease.Connection, sql);
        File.Delete(lease.ProfileFile);
        await using var reader = await ExecuteAsync(lease.Connection, sql, cancellationToken);
        var columns = DuckDbColumn.Describe(reader);
        var unreadable = columns.Where(c => !c.IsReadable).Select(c => $"{c.Name} ({c.TypeName})").ToList();
        if (unreadable.Count > 0)
        {
            throw QueryRefusal.Failed($"The result has columns of types the service cannot return: {string.Join(", ", unreadable)}; cast them, e.g. CAST(x AS VARCHAR).", new NotSupportedException());
        }

        var rows = new List<object?[]>();
        while (reader.Read())
        {
            if (rows.Count == options.Value.MaxRows)
            {
                throw QueryRefusal.TooManyRows(options.Value.MaxRows);
            }

            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetLakeValue(i);
            }

            rows.Add(row);
        }

        clock.Stop();
        return new QueryResult([.. columns.Select(c => new ResultColumn(c.Name, c.TypeName))], rows, clock.Elapsed, ScanStatistics.From(DuckDbProfile.Read(lease.ProfileFile)));
    }

    private static async Task<DuckDBDataReader> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ExecuteReaderAsync(sql, cancellationToken);
        }
        catch (DuckDBException error)
        {
            throw StatementGuard.Refusal(error);
        }
    }

    private QueryRefusal Refused(QueryRefusal refusal, Activity? activity)
    {
        activity?.SetTag("lake.refusal", refusal.Code);
        activity?.SetStatus(ActivityStatusCode.Error, refusal.Code);
        logger.LogInformation("Query refused ({Code}): {Detail}", refusal.Code, refusal.Message);
        return refusal;
    }
}
