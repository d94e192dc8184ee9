using System.Diagnostics;
using DuckDB.NET.Data;
using Lake.DuckDb;
using Lake.QueryService.Cache;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Sandbox;

/// <summary>
/// Runs one client statement: brings the cache up to date, takes a lane (<see cref="QueryLanes"/>) and a connection,
/// lets <see cref="StatementGuard"/> decide, and runs it under its lane's time limit (DuckDB is interrupted, not
/// abandoned). Rows stream from DuckDB, so a result over <c>Query:MaxRows</c> rows or <c>Query:MaxResultBytes</c> is
/// refused as soon as it passes the limit, before the rest is computed. DuckDB blocks, so the work runs on a pool thread.
/// </summary>
public sealed class QueryRunner(
    LakeCache cache, SandboxedDatabase database, QueryLanes lanes, CacheDirectory directory, IOptions<QueryOptions> options, ILogger<QueryRunner> logger)
{
    /// <exception cref="QueryRefusal">The statement was refused, failed, timed out or returned too much.</exception>
    /// <exception cref="CatalogUnavailableException">The catalog could not be read and nothing was cached before.</exception>
    public async Task<QueryResult> RunAsync(string? sql, CancellationToken cancellationToken)
    {
        using var activity = QueryTelemetry.Source.StartActivity("query");
        await cache.EnsureFreshAsync(cancellationToken);
        using var running = cache.BeginQuery();
        using var lane = lanes.Enter();
        var seconds = lane.IsShort ? Math.Min(options.Value.ShortLaneSeconds, options.Value.TimeoutSeconds) : options.Value.TimeoutSeconds;
        activity?.SetTag("lake.lane", lane.IsShort ? "short" : "long");
        using var lease = await database.RentAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await Task.Run(() => RunStatement(lease, sql ?? "", stop.Token), CancellationToken.None);
            activity?.SetTag("db.response.returned_rows", result.Rows.Count);
            activity?.SetTag("lake.bytes_scanned", result.Scanned.BytesScanned);
            activity?.SetTag("lake.bytes_scanned_estimated", result.Scanned.BytesEstimated);
            logger.LogInformation("Query returned {Rows} rows in {ElapsedMs} ms, {BytesScanned} bytes scanned ({BytesKind}) in {FilesScanned} files",
                result.Rows.Count, (long)result.Elapsed.TotalMilliseconds, result.Scanned.BytesScanned,
                result.Scanned.BytesEstimated ? "estimated" : "exact", result.Scanned.FilesScanned);
            return result;
        }
        catch (OperationCanceledException error) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Refused(lane.IsShort
                ? QueryRefusal.ShortLaneTimedOut(seconds, lanes.LongLanes, error)
                : QueryRefusal.TimedOut(seconds, error), activity);
        }
        catch (QueryRefusal refusal)
        {
            throw Refused(refusal.WithoutPath(directory.Root), activity);
        }
    }

    private QueryResult RunStatement(SandboxedDatabase.ConnectionLease lease, string sql, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            StatementGuard.Check(lease.Connection, sql);
            File.Delete(lease.ProfileFile);
            var (columns, rows) = Stream(lease.Connection, sql, cancellationToken);
            clock.Stop();
            return new QueryResult(columns, rows, clock.Elapsed, ScanStatistics.From(DuckDbProfile.Read(lease.ProfileFile), ViewFiles));
        }
        finally
        {
            // The profile names files and the statement's text: it must not wait where the next query could read it.
            File.Delete(lease.ProfileFile);
        }
    }

    // A view's files in the order its read_parquet lists them, found by its first file (what an unpruned scan names first).
    private IReadOnlyList<CachedFile>? ViewFiles(string firstFile) =>
        cache.Tables.Values.FirstOrDefault(t => t.Files.FirstOrDefault()?.LocalPath == firstFile) is { } table ? [.. table.Files] : null;

    // DuckDB.NET's streaming mode fetches a chunk at a time; the token interrupts the connection for as long as rows
    // are read (ADO.NET's async methods pass it on only while they run).
    private (IReadOnlyList<ResultColumn> Columns, List<object?[]> Rows) Stream(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = true;
            using var interrupt = cancellationToken.Register(command.Cancel);
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            var columns = DuckDbColumn.Describe(reader);
            var unreadable = columns.Where(c => !c.IsReadable).Select(c => $"{c.Name} ({c.TypeName})").ToList();
            if (unreadable.Count > 0)
            {
                throw QueryRefusal.Failed($"The result has columns of types the service cannot return: {string.Join(", ", unreadable)}; cast them, e.g. CAST(x AS VARCHAR).", new NotSupportedException());
            }

            return ([.. columns.Select(c => new ResultColumn(c.Name, c.TypeName))], ReadRows(reader, columns.Count, cancellationToken));
        }
        catch (DuckDBException error) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The DuckDB statement was cancelled ({error.Message}).", error, cancellationToken);
        }
        catch (DuckDBException error)
        {
            throw StatementGuard.Refusal(error);
        }
    }

    private List<object?[]> ReadRows(DuckDBDataReader reader, int width, CancellationToken cancellationToken)
    {
        var maxRows = options.Value.MaxRows;
        var maxBytes = options.Value.MaxResultByteCount();
        var rows = new List<object?[]>();
        long bytes = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rows.Count == maxRows)
            {
                throw QueryRefusal.TooManyRows(maxRows);
            }

            var row = new object?[width];
            bytes += ResultSize.Row(width);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetLakeValue(i);
                bytes += ResultSize.Value(row[i]);
            }

            if (bytes > maxBytes)
            {
                throw QueryRefusal.ResultTooLarge(options.Value.MaxResultBytes);
            }

            rows.Add(row);
        }

        return rows;
    }

    private QueryRefusal Refused(QueryRefusal refusal, Activity? activity)
    {
        activity?.SetTag("lake.refusal", refusal.Code);
        activity?.SetStatus(ActivityStatusCode.Error, refusal.Code);
        logger.LogInformation("Query refused ({Code}): {Detail}", refusal.Code, refusal.Message);
        return refusal;
    }
}
