using Lake.Console.Infrastructure;
using Lake.Console.Security;

namespace Lake.Console.Apis;

/// <summary>The body of <c>POST /api/query</c>, as the query service's <c>/v1/query</c> takes it.</summary>
public sealed record QueryRequest(string? Sql);

/// <summary>
/// The query console's API: <c>GET /api/query</c> (where the query service is and its health), <c>POST /api/query</c>
/// (one statement, run by the query service's <c>/v1/query</c>: its answer, result or problem, is passed on as it
/// came) and <c>GET /api/query/tables</c> (its <c>/v1/tables</c>). The console's login stands in front of it.
/// </summary>
internal static class QueryApi
{
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/query", async (QueryServiceClient query, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { url = query.Url?.ToString(), state = await query.StateAsync(cancellationToken) }));
        app.MapPost("/api/query", (QueryRequest request, QueryServiceClient query, CancellationToken cancellationToken) =>
            ForwardAsync(query, token => query.QueryAsync(request.Sql, token), cancellationToken)).RefuseCrossSite(CrossSiteProtection.Json);
        app.MapGet("/api/query/tables", (QueryServiceClient query, CancellationToken cancellationToken) =>
            ForwardAsync(query, query.TablesAsync, cancellationToken));
        return app;
    }

    private static async Task<IResult> ForwardAsync(QueryServiceClient query, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        if (query.Url is null)
        {
            return TypedResults.Problem($"No query service is configured: set {ConsoleOptions.QueryServiceKey} (Aspire's .WithReference(query)) or Console:QueryUrl.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "No query service");
        }

        try
        {
            var response = await send(cancellationToken);
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                // The query service refusing the console is not the user's login failing: say so, do not pass it on.
                var status = (int)response.StatusCode;
                response.Dispose();
                return TypedResults.Problem($"The query service at {query.Url} refused the console's request ({status}).",
                    statusCode: StatusCodes.Status502BadGateway, title: "Query service refused the console");
            }

            return new ForwardedResponse(response);
        }
        catch (HttpRequestException ex)
        {
            return TypedResults.Problem($"The query service at {query.Url} did not answer: {ex.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Query service unavailable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem($"The query service at {query.Url} did not answer within {QueryServiceClient.RequestTimeout.TotalSeconds:0} s.",
                statusCode: StatusCodes.Status504GatewayTimeout, title: "Query service timed out");
        }
    }

    /// <summary>The query service's response, status and content type kept, its body streamed through (the service caps its size).</summary>
    private sealed class ForwardedResponse(HttpResponseMessage response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (response)
            {
                httpContext.Response.StatusCode = (int)response.StatusCode;
                httpContext.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
                await response.Content.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
            }
        }
    }
}
