using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace Lake.Console.Security;

/// <summary>
/// What every endpoint that changes state (or runs work) checks before it runs, most decisive first:
/// <list type="number">
/// <item>the request comes from this console's own origin: an <c>Origin</c> header, when sent, names it, and
/// <c>Sec-Fetch-Site</c>, when sent, is <c>same-origin</c> (or <c>none</c>: typed by the user) — else 403;</item>
/// <item>its body, if any, is of a type the endpoint reads (a JSON API refuses <c>text/plain</c>, forms and
/// multipart, the "simple" types a cross-site form or fetch may send without asking) — else 415;</item>
/// <item>a browser (any request without an <c>x-api-key</c>) sends the antiforgery token of <c>GET /api/session</c>
/// in <c>x-csrf-token</c>, or the login form's hidden field — else 403.</item>
/// </list>
/// A script with a key needs no token: a browser cannot attach that header to a cross-site request without CORS,
/// which the console does not allow. The checks run as middleware after authorization and before the endpoint
/// reads its body, so a refused request is never read.
/// </summary>
internal static class CrossSiteProtection
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>Marks an endpoint as changing state; <c>BodyTypes</c> are the media types it reads.</summary>
    private sealed record StateChange(IReadOnlyCollection<string> BodyTypes);

    public static TBuilder RefuseCrossSite<TBuilder>(this TBuilder builder, params string[] bodyTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new StateChange(bodyTypes))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Refuses, for every endpoint marked with <see cref="RefuseCrossSite"/>, what the rules above refuse. After UseAuthorization.</summary>
    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<StateChange>() is { } change && await CheckAsync(context, change.BodyTypes) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>Null when the request may go on; else the problem that refuses it.</summary>
    private static async Task<IResult?> CheckAsync(HttpContext context, IReadOnlyCollection<string> bodyTypes)
    {
        if (CrossOrigin(context.Request) is { } reason)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused");
        }

        if (!AcceptedBody(context.Request, bodyTypes))
        {
            return TypedResults.Problem(
                bodyTypes.Count == 0 ? "This endpoint takes no body." : $"Send {string.Join(" or ", bodyTypes)}, or no body.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        if (!context.User.ByApiKey())
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(
                    $"Send the antiforgery token of GET /api/session in the {ConsoleAuthentication.AntiforgeryHeader} header (the console's pages do), or a key in {ConsoleAuthentication.ApiKeyHeader}.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Antiforgery token missing or invalid");
            }
        }

        return null;
    }

    // What the headers say is not repeated back: the reason names the rule, not the request.
    private static string? CrossOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return "The request's Origin is not this console: only its own pages may change state.";
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && site is not ("same-origin" or "none")
            ? "The browser says this request comes from another site (Sec-Fetch-Site): only the console's own pages may change state."
            : null;
    }

    private static bool AcceptedBody(HttpRequest request, IReadOnlyCollection<string> bodyTypes)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return request.ContentLength is null or 0;
        }

        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && bodyTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase);
    }
}
