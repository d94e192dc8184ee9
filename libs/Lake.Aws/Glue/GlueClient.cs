using System.Runtime.CompilerServices;
using Lake.Aws.Protocols;

namespace Lake.Aws.Glue;

/// <summary>The AWS Glue Data Catalog over its JSON 1.1 protocol, shaped like <c>Amazon.Glue.AmazonGlueClient</c>.</summary>
public sealed class GlueClient : IDisposable
{
    private readonly JsonProtocol _protocol;

    /// <param name="options">Region, endpoint and credentials; unset ones come from the standard AWS settings.</param>
    /// <param name="httpClient">A client to send through (its lifetime stays the caller's); otherwise one is owned.</param>
    public GlueClient(AwsClientOptions? options = null, HttpClient? httpClient = null)
    {
        _protocol = new JsonProtocol(new AwsHttpClient(AwsService.Glue, options, httpClient), "AWSGlue", "1.1");
    }

    /// <summary>The endpoint calls go to.</summary>
    public Uri Endpoint => _protocol.Http.Endpoint;

    public Task<CreateDatabaseResponse> CreateDatabaseAsync(CreateDatabaseRequest request, CancellationToken cancellationToken = default) =>
        Invoke<CreateDatabaseRequest, CreateDatabaseResponse>("CreateDatabase", request, cancellationToken);

    public Task<GetDatabaseResponse> GetDatabaseAsync(GetDatabaseRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetDatabaseRequest, GetDatabaseResponse>("GetDatabase", request, cancellationToken);

    public Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default) =>
        Invoke<CreateTableRequest, CreateTableResponse>("CreateTable", request, cancellationToken);

    public Task<GetTableResponse> GetTableAsync(GetTableRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetTableRequest, GetTableResponse>("GetTable", request, cancellationToken);

    /// <summary>One page of the database's tables; see <see cref="GetAllTablesAsync"/> for all of them.</summary>
    public Task<GetTablesResponse> GetTablesAsync(GetTablesRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetTablesRequest, GetTablesResponse>("GetTables", request, cancellationToken);

    public Task<UpdateTableResponse> UpdateTableAsync(UpdateTableRequest request, CancellationToken cancellationToken = default) =>
        Invoke<UpdateTableRequest, UpdateTableResponse>("UpdateTable", request, cancellationToken);

    public Task<BatchCreatePartitionResponse> BatchCreatePartitionAsync(BatchCreatePartitionRequest request, CancellationToken cancellationToken = default) =>
        Invoke<BatchCreatePartitionRequest, BatchCreatePartitionResponse>("BatchCreatePartition", request, cancellationToken);

    /// <summary>One page of the table's partitions; see <see cref="GetAllPartitionsAsync"/> for all of them.</summary>
    public Task<GetPartitionsResponse> GetPartitionsAsync(GetPartitionsRequest request, CancellationToken cancellationToken = default) =>
        Invoke<GetPartitionsRequest, GetPartitionsResponse>("GetPartitions", request, cancellationToken);

    /// <summary>Every table matching <paramref name="request"/>, following <c>NextToken</c> page by page (the request is not changed).</summary>
    public async IAsyncEnumerable<Table> GetAllTablesAsync(
        GetTablesRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = new GetTablesRequest
        {
            DatabaseName = request.DatabaseName,
            Expression = request.Expression,
            MaxResults = request.MaxResults,
            NextToken = request.NextToken,
        };
        do
        {
            var response = await GetTablesAsync(page, cancellationToken);
            foreach (var table in response.TableList)
            {
                yield return table;
            }

            page.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(page.NextToken));
    }

    /// <summary>Every partition matching <paramref name="request"/>, following <c>NextToken</c> page by page (the request is not changed).</summary>
    public async IAsyncEnumerable<Partition> GetAllPartitionsAsync(
        GetPartitionsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = new GetPartitionsRequest
        {
            DatabaseName = request.DatabaseName,
            TableName = request.TableName,
            Expression = request.Expression,
            MaxResults = request.MaxResults,
            NextToken = request.NextToken,
        };
        do
        {
            var response = await GetPartitionsAsync(page, cancellationToken);
            foreach (var partition in response.Partitions)
            {
                yield return partition;
            }

            page.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(page.NextToken));
    }

    public void Dispose() => _protocol.Http.Dispose();

    private Task<TResponse> Invoke<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
        where TResponse : new() =>
        _protocol.InvokeAsync<TRequest, TResponse>(operation, request, cancellationToken);
}
