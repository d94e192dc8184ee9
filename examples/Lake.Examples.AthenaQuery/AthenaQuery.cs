using Lake.Aws.Athena;

namespace Lake.Examples.AthenaQuery;

/// <summary>A query that did not succeed: its final state and Athena's reason.</summary>
public sealed class AthenaQueryFailedException(string queryExecutionId, string state, string? reason)
    : Exception($"Query {queryExecutionId} {state}: {reason}")
{
    public string QueryExecutionId { get; } = queryExecutionId;

    public string State { get; } = state;
}

/// <summary>
/// Athena's usual loop, written once against <see cref="AthenaClient"/> (the same calls as <c>IAmazonAthena</c>):
/// start, poll until the state is final, then read every page of results. Cancelling stops the query on the server too.
/// </summary>
public sealed class AthenaQuery(AthenaClient athena, string? workGroup = null)
{
    /// <summary>Runs <paramref name="sql"/>; every row, the header row (column names) first.</summary>
    /// <exception cref="AthenaQueryFailedException">The query failed or was cancelled.</exception>
    public async Task<IReadOnlyList<string?[]>> RunAsync(string sql, string? database, CancellationToken cancellationToken)
    {
        var id = (await athena.StartQueryExecutionAsync(new StartQueryExecutionRequest
        {
            QueryString = sql,
            WorkGroup = workGroup,
            QueryExecutionContext = database is null ? null : new QueryExecutionContext { Database = database },
        }, cancellationToken)).QueryExecutionId;
        try
        {
            var status = await WaitAsync(id, cancellationToken);
            if (status.State != QueryExecutionState.SUCCEEDED)
            {
                throw new AthenaQueryFailedException(id, status.State ?? "UNKNOWN", status.StateChangeReason);
            }

            return await ReadAsync(id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await athena.StopQueryExecutionAsync(new StopQueryExecutionRequest { QueryExecutionId = id }, CancellationToken.None);
            throw;
        }
    }

    private async Task<QueryExecutionStatus> WaitAsync(string id, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var status = (await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id }, cancellationToken)).QueryExecution.Status;
            if (status is not null && QueryExecutionState.IsFinal(status.State))
            {
                return status;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
        }
    }

    private async Task<IReadOnlyList<string?[]>> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var rows = new List<string?[]>();
        string? token = null;
        do
        {
            var page = await athena.GetQueryResultsAsync(new GetQueryResultsRequest { QueryExecutionId = id, NextToken = token }, cancellationToken);
            rows.AddRange(page.ResultSet.Rows.Select(row => row.Data.Select(datum => datum.VarCharValue).ToArray()));
            token = page.NextToken;
        }
        while (token is not null);

        return rows;
    }
}
