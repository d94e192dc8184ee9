using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Lake.Configuration;
using Lake.Contracts;
using Lake.Serving;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Apis;

/// <summary>What <c>GET /v1/serving/{table}/{key}</c> answers: the DynamoDB table and the key's items, oldest processing first.</summary>
public sealed record ServingResponse(string Table, string Key, IReadOnlyList<JsonObject> Items);

/// <summary>
/// <c>/v1/serving</c>: a serving table read by partition key (DynamoDB Query, not DuckDB), for applications that want
/// one order now. Only the tables the contracts declare can be read, by the name the contract gives.
/// </summary>
public static class ServingApi
{
    public static RouteGroupBuilder MapServingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/serving").WithTags("Serving");
        api.MapGet("/{table}/{key}", GetAsync).WithName("GetServingItems")
            .WithSummary("The items of one partition key of a contract's serving table.");
        return api;
    }

    private static async Task<Results<Ok<ServingResponse>, ProblemHttpResult>> GetAsync(
        string table, string key, ContractCatalog contracts, IAmazonDynamoDB dynamo, IOptions<LakeOptions> lake, CancellationToken cancellationToken)
    {
        var contract = contracts.Values.FirstOrDefault(c => c.Serving?.Table == table);
        if (contract is null)
        {
            var declared = contracts.Values.Where(c => c.Serving is not null).Select(c => c.Serving!.Table).Order(StringComparer.Ordinal);
            return Problem(StatusCodes.Status404NotFound, "No such serving table", "serving-table-not-found",
                $"No contract declares a serving table '{table}' (serving tables: {string.Join(", ", declared)}).");
        }

        var name = contract.Serving!.PhysicalName(lake.Value.ServingTablePrefix);
        var schema = TableKeySchema.For(contract);
        IReadOnlyList<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> found;
        try
        {
            found = await new ServingLookup(dynamo).GetAsync(name, schema, key, cancellationToken);
        }
        catch (FormatException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid key", "invalid-key",
                $"'{key}' is not a whole number; {schema.PartitionKey}, the partition key of '{table}', is one.");
        }
        catch (AmazonServiceException error)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Serving table unavailable", "serving-unavailable",
                $"DynamoDB table '{name}' could not be read: {error.Message}");
        }

        if (found.Count == 0)
        {
            return Problem(StatusCodes.Status404NotFound, "No such item", "item-not-found", $"'{table}' has no item with {schema.PartitionKey} '{key}'.");
        }

        var items = new ServingItems(contract);
        return TypedResults.Ok(new ServingResponse(name, key, [.. found.Select(items.ToJson)]));
    }

    private static ProblemHttpResult Problem(int status, string title, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
