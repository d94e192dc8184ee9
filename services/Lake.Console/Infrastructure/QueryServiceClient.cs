using Lake.Console.Model;
using Microsoft.Extensions.Options;

namespace Lake.Console.Infrastructure;

/// <summary>
/// The query service (<c>Console:QueryUrl</c>, else Aspire service discovery's <c>services:query:http:0</c>): its
/// health for the pipeline picture, and its <c>/v1</c> API for the query console. Its own limits bound a query
/// (row cap, statement timeout); this client adds only a ceiling on the wait, and never retries (the resilient
/// clients of ServiceDefaults would cut a long query at 10 s and run it again). Its <c>/v1</c> calls carry
/// <c>Console:QueryApiKey</c> in <c>x-api-key</c>; the health probe needs none.
/// </summary>
internal sealed class QueryServiceClient(IOptions<ConsoleOptions> options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        BaseAddress = options.Value.QueryService is { } url ? new Uri(url.ToString().TrimEnd('/') + "/") : null,
        Timeout = RequestTimeout,
    };

    /// <summary>The header the query service reads its key from.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>A probe longer than this is an unreachable service; pages poll every few seconds.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longer than the query service's own statement timeout (30 s by default) and a catalog sync.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The query service's base URL; null when none is configured.</summary>
    public Uri? Url => _http.BaseAddress;

    /// <summary>One of <see cref="QueryServiceState"/>'s values.</summary>
    public async Task<string> StateAsync(CancellationToken cancellationToken)
    {
        if (Url is null)
        {
            return QueryServiceState.NotConfigured;
        }

        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await _http.GetAsync("health", probe.Token);
            return response.IsSuccessStatusCode ? QueryServiceState.Healthy : QueryServiceState.Unhealthy;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return QueryServiceState.Unreachable;
        }
    }

    /// <summary>Runs one statement; the response is the query service's own (a result or a problem), unread.</summary>
    public Task<HttpResponseMessage> QueryAsync(string? sql, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/query") { Content = JsonContent.Create(new { sql }) }, cancellationToken);

    /// <summary>The catalog's tables, as the query service lists them.</summary>
    public Task<HttpResponseMessage> TablesAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/tables"), cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Accept.ParseAdd("application/json");
            if (options.Value.QueryApiKey is { Length: > 0 } key)
            {
                request.Headers.Add(ApiKeyHeader, key);
            }

            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
