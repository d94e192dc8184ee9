using Lake.Aws.Protocols;

namespace Lake.Aws.Athena;

/// <summary>
/// Amazon Athena over its JSON 1.1 protocol (<c>X-Amz-Target: AmazonAthena.*</c>), shaped like
/// <c>Amazon.Athena.AmazonAthenaClient</c>. The endpoint is <c>AWS_ENDPOINT_URL_ATHENA</c> (the query service locally),
/// else <c>AWS_ENDPOINT_URL</c>, else Athena's own: the same code runs on AWS with no endpoint set.
/// </summary>
public sealed class AthenaClient : IDisposable
{
    private readonly JsonProtocol _protocol;

    /// <param name="options">Region, endpoint and credentials; unset ones come from the standard AWS settings.</param>
    /// <param name="httpClient">A client to send through (its lifetime stays the caller's); otherwise one is owned.</param>
    public AthenaClient(AwsClientOptions? options = null, HttpClient? httpClient = null)
    {
        _protocol = new JsonProtocol(new AwsHttpClient(AwsService.Athena, options, httpClient), "AmazonAthena", "1.1");
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _protocol.Http.Endpoint;

    /// <summary>Starts a query; a <see cref="StartQueryExecutionRequest.ClientRequestToken"/> is made up when none is set, as the SDK does.</summary>
    public Task<StartQueryExecutionResponse> StartQueryExecutionAsync(StartQueryExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ClientRequestToken ??= Guid.NewGuid().ToString();
        return Invoke<StartQueryExecutionRequest, StartQueryExecutionResponse>("StartQueryExecution", request, cancellationToken);
    }

    public Task<GetQueryExecutionResponse> GetQueryExecutionAsync(GetQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetQueryExecutionRequest, GetQueryExecutionResponse>("GetQueryExecution", request, cancellationToken);

    public Task<GetQueryResultsResponse> GetQueryResultsAsync(GetQueryResultsRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetQueryResultsRequest, GetQueryResultsResponse>("GetQueryResults", request, cancellationToken);

    public Task<StopQueryExecutionResponse> StopQueryExecutionAsync(StopQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        Invoke<StopQueryExecutionRequest, StopQueryExecutionResponse>("StopQueryExecution", request, cancellationToken);

    public Task<ListQueryExecutionsResponse> ListQueryExecutionsAsync(ListQueryExecutionsRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ListQueryExecutionsRequest, ListQueryExecutionsResponse>("ListQueryExecutions", request, cancellationToken);

    public Task<BatchGetQueryExecutionResponse> BatchGetQueryExecutionAsync(BatchGetQueryExecutionRequest request, CancellationToken cancellationToken = default) =>
        Invoke<BatchGetQueryExecutionRequest, BatchGetQueryExecutionResponse>("BatchGetQueryExecution", request, cancellationToken);

    public Task<ListDataCatalogsResponse> ListDataCatalogsAsync(ListDataCatalogsRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ListDataCatalogsRequest, ListDataCatalogsResponse>("ListDataCatalogs", request, cancellationToken);

    public Task<ListDatabasesResponse> ListDatabasesAsync(ListDatabasesRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ListDatabasesRequest, ListDatabasesResponse>("ListDatabases", request, cancellationToken);

    public Task<ListTableMetadataResponse> ListTableMetadataAsync(ListTableMetadataRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ListTableMetadataRequest, ListTableMetadataResponse>("ListTableMetadata", request, cancellationToken);

    public Task<GetTableMetadataResponse> GetTableMetadataAsync(GetTableMetadataRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetTableMetadataRequest, GetTableMetadataResponse>("GetTableMetadata", request, cancellationToken);

    public Task<ListWorkGroupsResponse> ListWorkGroupsAsync(ListWorkGroupsRequest request, CancellationToken cancellationToken = default) =>
        Invoke<ListWorkGroupsRequest, ListWorkGroupsResponse>("ListWorkGroups", request, cancellationToken);

    public Task<GetWorkGroupResponse> GetWorkGroupAsync(GetWorkGroupRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetWorkGroupRequest, GetWorkGroupResponse>("GetWorkGroup", request, cancellationToken);

    public void Dispose() => _protocol.Http.Dispose();

    private Task<TResponse> Invoke<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
        where TResponse : new() =>
        _protocol.InvokeAsync<TRequest, TResponse>(operation, request, cancellationToken);
}
