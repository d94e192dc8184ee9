using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Aws.Athena;
using Lake.QueryService.Cache;

namespace Lake.QueryService.Athena;

/// <summary>The Athena operations the service answers, by name; each reads its request model and returns its response model.</summary>
public sealed class AthenaOperations(AthenaQueryExecutions executions, AthenaWorkGroups workGroups, LakeCache cache)
{
    /// <exception cref="AthenaException">Unknown operation, unreadable request, or the operation's own error.</exception>
    public Task<object> InvokeAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) => operation switch
    {
        "StartQueryExecution" => Run<StartQueryExecutionRequest>(body, r => new StartQueryExecutionResponse { QueryExecutionId = executions.Start(r).Id }),
        "GetQueryExecution" => Run<GetQueryExecutionRequest>(body, r => new GetQueryExecutionResponse { QueryExecution = executions.Get(r.QueryExecutionId).Describe() }),
        "GetQueryResults" => Run<GetQueryResultsRequest>(body, GetQueryResults),
        "StopQueryExecution" => Run<StopQueryExecutionRequest>(body, r =>
        {
            executions.Stop(r.QueryExecutionId);
            return new StopQueryExecutionResponse();
        }),
        "ListQueryExecutions" => Run<ListQueryExecutionsRequest>(body, ListQueryExecutions),
        "BatchGetQueryExecution" => Run<BatchGetQueryExecutionRequest>(body, BatchGetQueryExecution),
        "ListDataCatalogs" => Run<ListDataCatalogsRequest>(body, _ => new ListDataCatalogsResponse
        {
            DataCatalogsSummary = [new DataCatalogSummary { CatalogName = AthenaWorkGroups.Catalog, Type = "GLUE" }],
        }),
        "ListDatabases" => Run<ListDatabasesRequest>(body, r =>
        {
            CheckCatalog(r.CatalogName);
            return new ListDatabasesResponse { DatabaseList = [new Database { Name = cache.Database }] };
        }),
        "ListTableMetadata" => RunAsync<ListTableMetadataRequest, ListTableMetadataResponse>(body, ListTableMetadataAsync, cancellationToken),
        "GetTableMetadata" => RunAsync<GetTableMetadataRequest, GetTableMetadataResponse>(body, GetTableMetadataAsync, cancellationToken),
        "ListWorkGroups" => Run<ListWorkGroupsRequest>(body, _ => new ListWorkGroupsResponse { WorkGroups = [.. workGroups.Summaries()] }),
        "GetWorkGroup" => Run<GetWorkGroupRequest>(body, r => new GetWorkGroupResponse
        {
            WorkGroup = workGroups.Describe(string.IsNullOrEmpty(r.WorkGroup) ? "(none)" : r.WorkGroup),
        }),
        _ => throw new AthenaException(StatusCodes.Status400BadRequest, "UnknownOperationException", $"The query service does not implement Athena's {operation}."),
    };

    private GetQueryResultsResponse GetQueryResults(GetQueryResultsRequest request)
    {
        var execution = executions.Get(request.QueryExecutionId);
        var state = execution.State;
        var result = execution.Result ?? throw AthenaException.InvalidRequest(QueryExecutionState.IsFinal(state)
            ? $"Query did not finish successfully. Final query state: {state}"
            : $"Query has not yet finished. Current state: {state}");
        var header = new[] { new Aws.Athena.Row { Data = [.. result.Columns.Select(c => new Datum { VarCharValue = c.Name })] } };
        var rows = AthenaStatements.StatementType(execution.Request.QueryString) == "DML" ? header.Concat(DataRows()).ToList() : DataRows().ToList();
        var (page, next) = AthenaPaging.Page(rows, request.NextToken, request.MaxResults, 1000, 1000);
        return new GetQueryResultsResponse
        {
            UpdateCount = 0,
            ResultSet = new ResultSet
            {
                Rows = [.. page],
                ResultSetMetadata = new ResultSetMetadata { ColumnInfo = [.. result.Columns.Select(AthenaTypes.ColumnInfo)] },
            },
            NextToken = next,
        };

        IEnumerable<Aws.Athena.Row> DataRows() => result.Rows.Select(row => new Aws.Athena.Row
        {
            Data = [.. row.Select((value, i) => new Datum { VarCharValue = AthenaTypes.Text(value, result.Columns[i]) })],
        });
    }

    private ListQueryExecutionsResponse ListQueryExecutions(ListQueryExecutionsRequest request)
    {
        var workGroup = workGroups.Resolve(request.WorkGroup);
        var (page, next) = AthenaPaging.Page([.. executions.Newest().Where(e => e.WorkGroup == workGroup)], request.NextToken, request.MaxResults, 50, 50);
        return new ListQueryExecutionsResponse { QueryExecutionIds = [.. page.Select(e => e.Id)], NextToken = next };
    }

    private BatchGetQueryExecutionResponse BatchGetQueryExecution(BatchGetQueryExecutionRequest request)
    {
        if (request.QueryExecutionIds.Count is < 1 or > 50)
        {
            throw AthenaException.InvalidRequest("1 validation error detected: Value at 'queryExecutionIds' failed to satisfy constraint: Member must have length between 1 and 50");
        }

        var response = new BatchGetQueryExecutionResponse();
        foreach (var id in request.QueryExecutionIds.Distinct(StringComparer.Ordinal))
        {
            if (executions.TryGet(id, out var execution))
            {
                response.QueryExecutions.Add(execution.Describe());
            }
            else
            {
                response.UnprocessedQueryExecutionIds.Add(new UnprocessedQueryExecutionId { QueryExecutionId = id, ErrorCode = "INVALID_INPUT", ErrorMessage = $"QueryExecution {id} was not found" });
            }
        }

        return response;
    }

    private async Task<ListTableMetadataResponse> ListTableMetadataAsync(ListTableMetadataRequest request, CancellationToken cancellationToken)
    {
        CheckDatabase(request.CatalogName, request.DatabaseName);
        await FreshAsync(cancellationToken);
        var pattern = request.Expression is { Length: > 0 } expression ? TableExpression(expression) : null;
        var tables = cache.Tables.Values.Where(t => pattern?.IsMatch(t.Table.Name) ?? true).OrderBy(t => t.Table.Name, StringComparer.Ordinal).Select(Metadata).ToList();
        var (page, next) = AthenaPaging.Page(tables, request.NextToken, request.MaxResults, 50, 50);
        return new ListTableMetadataResponse { TableMetadataList = [.. page], NextToken = next };
    }

    private async Task<GetTableMetadataResponse> GetTableMetadataAsync(GetTableMetadataRequest request, CancellationToken cancellationToken)
    {
        CheckDatabase(request.CatalogName, request.DatabaseName);
        await FreshAsync(cancellationToken);
        return cache.Tables.TryGetValue(request.TableName, out var table)
            ? new GetTableMetadataResponse { TableMetadata = Metadata(table) }
            : throw AthenaException.Metadata($"Table {request.TableName} not found in database {request.DatabaseName}.");
    }

    private static TableMetadata Metadata(CachedTable cached) => new()
    {
        Name = cached.Table.Name,
        TableType = "EXTERNAL_TABLE",
        LastAccessTime = cached.SyncedAt.UtcDateTime,
        Columns = [.. cached.Table.Columns.Select(c => new Column { Name = c.Name, Type = c.HiveType })],
        PartitionKeys = [.. cached.Table.PartitionKeys.Select(c => new Column { Name = c.Name, Type = c.HiveType })],
        Parameters = new Dictionary<string, string> { ["location"] = cached.Table.Location.ToString(), ["classification"] = "parquet" },
    };

    private async Task FreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.EnsureFreshAsync(cancellationToken);
        }
        catch (CatalogUnavailableException error)
        {
            throw AthenaException.Internal($"The catalog could not be read: {error.Message}");
        }
    }

    private static void CheckCatalog(string? catalog)
    {
        if (!string.Equals(catalog, AthenaWorkGroups.Catalog, StringComparison.OrdinalIgnoreCase))
        {
            throw AthenaException.Metadata($"Catalog {catalog} was not found; the query service has {AthenaWorkGroups.Catalog} only.");
        }
    }

    private void CheckDatabase(string? catalog, string? database)
    {
        CheckCatalog(catalog);
        if (!string.Equals(database, cache.Database, StringComparison.OrdinalIgnoreCase))
        {
            throw AthenaException.Metadata($"Database {database} not found.");
        }
    }

    /// <summary>Athena's table expression: a regular expression, where <c>*</c> alone means any run of characters.</summary>
    private static Regex TableExpression(string expression)
    {
        try
        {
            return new Regex("^(?:" + Regex.Replace(expression, @"(?<![.\\])\*", ".*") + ")$", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException error)
        {
            throw AthenaException.InvalidRequest($"Expression is not a valid pattern: {error.Message}");
        }
    }

    private static Task<object> Run<TRequest>(ReadOnlyMemory<byte> body, Func<TRequest, object> operation) =>
        Task.FromResult(operation(Read<TRequest>(body)));

    private static async Task<object> RunAsync<TRequest, TResponse>(
        ReadOnlyMemory<byte> body, Func<TRequest, CancellationToken, Task<TResponse>> operation, CancellationToken cancellationToken)
        where TResponse : notnull =>
        await operation(Read<TRequest>(body), cancellationToken);

    private static TRequest Read<TRequest>(ReadOnlyMemory<byte> body)
    {
        try
        {
            return (body.IsEmpty ? default : JsonSerializer.Deserialize<TRequest>(body.Span, AthenaJson.Options))
                ?? throw new AthenaException(StatusCodes.Status400BadRequest, "SerializationException", "The request body is empty; send a JSON object.");
        }
        catch (JsonException error)
        {
            throw new AthenaException(StatusCodes.Status400BadRequest, "SerializationException", $"The request body is not the JSON expected: {error.Message}");
        }
    }
}
