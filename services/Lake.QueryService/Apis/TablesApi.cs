using Lake.QueryService.Cache;
using Lake.QueryService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lake.QueryService.Apis;

/// <summary><c>/v1/tables</c>: the catalog's tables as the service serves them, and a refresh on demand.</summary>
public static class TablesApi
{
    public static RouteGroupBuilder MapTablesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/tables").WithTags("Tables").RequireApiKey().AnswerCatalogUnavailable();
        api.MapGet("/", ListAsync).WithName("ListTables").WithSummary("The catalog's tables, their columns and what is cached of them.");
        api.MapGet("/{name}", GetAsync).WithName("GetTable").WithSummary("One table with its partitions and files.");
        api.MapPost("/{name}/refresh", RefreshAsync).WithName("RefreshTable")
            .WithSummary("Reads the table's partitions from the catalog and its files from the curated bucket now.");
        return api;
    }

    private static async Task<Ok<List<TableSummary>>> ListAsync(LakeCache cache, CancellationToken cancellationToken)
    {
        await cache.EnsureFreshAsync(cancellationToken);
        return TypedResults.Ok(cache.Tables.Values.OrderBy(t => t.Table.Name, StringComparer.Ordinal).Select(TableSummary.From).ToList());
    }

    private static async Task<Results<Ok<TableDetail>, ProblemHttpResult>> GetAsync(string name, LakeCache cache, CancellationToken cancellationToken)
    {
        await cache.EnsureFreshAsync(cancellationToken);
        return cache.Tables.TryGetValue(name, out var table) ? TypedResults.Ok(TableDetail.From(table)) : NotFound(name, cache);
    }

    private static async Task<Results<Ok<TableDetail>, ProblemHttpResult>> RefreshAsync(string name, LakeCache cache, CancellationToken cancellationToken) =>
        await cache.RefreshAsync(name, cancellationToken) is { } table ? TypedResults.Ok(TableDetail.From(table)) : NotFound(name, cache);

    private static ProblemHttpResult NotFound(string name, LakeCache cache) =>
        TypedResults.Problem($"The catalog database '{cache.Database}' has no table '{name}'.", statusCode: StatusCodes.Status404NotFound,
            title: "No such table", extensions: new Dictionary<string, object?> { ["code"] = "table-not-found" });
}
