using System.Text.Json;
using Lake.QueryService.Results;
using Lake.QueryService.Sandbox;
using Lake.QueryService.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Lake.QueryService.Apis;

/// <summary>The body of <c>POST /v1/query</c>.</summary>
public sealed record QueryRequest(string? Sql);

/// <summary>
/// <c>POST /v1/query</c>: one read-only statement; JSON, or CSV for <c>Accept: text/csv</c>. The key is checked first
/// (<see cref="Lake.ServiceDefaults.ApiKeyAuthenticationHandler"/>), then the body is read here, bounded, so that a malformed one is a 400
/// problem saying what was expected, in every environment.
/// </summary>
public static class QueryApi
{
    /// <summary>The largest body read: SQL text, not data.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Query").RequireApiKey().AnswerCatalogUnavailable();
        api.MapPost("/query", RunAsync).WithName("RunQuery")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Runs one read-only SQL statement over the catalog's tables (database.table).");
        return api;
    }

    private static async Task<Results<JsonQueryResult, CsvQueryResult, ProblemHttpResult>> RunAsync(
        HttpRequest http, QueryRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            var request = await ReadAsync(http, cancellationToken);
            var result = await runner.RunAsync(request?.Sql, cancellationToken);
            return WantsCsv(http) ? new CsvQueryResult(result) : new JsonQueryResult(result);
        }
        catch (QueryRefusal refusal)
        {
            return Problem(refusal);
        }
    }

    public static ProblemHttpResult Problem(QueryRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });

    private static async Task<QueryRequest?> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            throw QueryRefusal.InvalidRequest(StatusCodes.Status415UnsupportedMediaType,
                "Send Content-Type: application/json and a body {\"sql\": \"...\"}.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<QueryRequest>(http.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException error)
        {
            // JsonException's message names the position only, never the request's headers or body.
            throw QueryRefusal.InvalidRequest(StatusCodes.Status400BadRequest,
                $"The body is not JSON of the form {{\"sql\": \"...\"}}: {error.Message}", error);
        }
        catch (BadHttpRequestException error)
        {
            throw QueryRefusal.InvalidRequest(error.StatusCode,
                error.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The body is larger than {MaxBodyBytes} bytes; send one SQL statement."
                    : "The body could not be read.", error);
        }
    }

    private static bool WantsCsv(HttpRequest http) =>
        http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}
