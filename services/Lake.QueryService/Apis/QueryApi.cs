using Lake.QueryService.Results;
using Lake.QueryService.Sandbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lake.QueryService.Apis;

/// <summary>The body of <c>POST /v1/query</c>.</summary>
public sealed record QueryRequest(string? Sql);

/// <summary><c>POST /v1/query</c>: one read-only statement; JSON, or CSV for <c>Accept: text/csv</c>.</summary>
public static class QueryApi
{
    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Query").AnswerCatalogUnavailable();
        api.MapPost("/query", RunAsync).WithName("RunQuery")
            .WithSummary("Runs one read-only SQL statement over the catalog's tables (database.table).");
        return api;
    }

    private static async Task<Results<JsonQueryResult, CsvQueryResult, ProblemHttpResult>> RunAsync(
        QueryRequest request, HttpRequest http, QueryRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync(request.Sql, cancellationToken);
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

    private static bool WantsCsv(HttpRequest http) =>
        http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}
