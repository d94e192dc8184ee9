using System.Text.Json;

namespace Lake.Cli.Api;

/// <summary>The query service: <c>POST /v1/query</c> (JSON or CSV) and <c>GET /v1/tables</c>.</summary>
internal sealed class QueryClient(LakeApiClient api)
{
    public Task<List<TableSummary>> TablesAsync(CancellationToken cancellationToken) =>
        api.GetAsync<List<TableSummary>>("/v1/tables", cancellationToken);

    /// <summary>The result as the service's JSON: <c>columns</c>, <c>rows</c>, <c>rowCount</c>, <c>elapsedMs</c>, <c>bytesScanned</c>, <c>bytesScannedEstimated</c>.</summary>
    public Task<JsonElement> QueryAsync(string sql, CancellationToken cancellationToken) =>
        api.PostAsync<JsonElement>("/v1/query", new { sql }, cancellationToken);

    /// <summary>Copies the service's answer (CSV for <c>text/csv</c>, else JSON) to <paramref name="output"/> unchanged.</summary>
    public async Task CopyAsync(string sql, string accept, Stream output, CancellationToken cancellationToken)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/query", System.Net.Http.Json.JsonContent.Create(new { sql }, options: LakeApiClient.Json), accept, cancellationToken);
        await response.Content.CopyToAsync(output, cancellationToken);
    }
}
