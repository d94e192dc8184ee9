using Lake.QueryService.Cache;

namespace Lake.QueryService.Apis;

/// <summary>
/// Every endpoint that reads the catalog answers 503 (<c>catalog-unavailable</c>) with what AWS said when the catalog
/// or the curated bucket cannot be read (the emulator not up yet, the database not provisioned): one place for it.
/// </summary>
internal static class CatalogUnavailableFilter
{
    public static TBuilder AnswerCatalogUnavailable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (CatalogUnavailableException error)
            {
                return TypedResults.Problem($"The catalog or the curated bucket could not be read: {error.Message}", statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Catalog unavailable", extensions: new Dictionary<string, object?> { ["code"] = "catalog-unavailable" });
            }
        }).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
