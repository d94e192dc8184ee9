using Lake.Console.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Lake.Console.Apis;

/// <summary>How this request authenticated, and the antiforgery token a browser sends with every state change.</summary>
/// <param name="AuthenticatedBy"><c>cookie</c> (logged in at /login) or <c>api-key</c>.</param>
public sealed record SessionView(string AuthenticatedBy, string AntiforgeryHeader, string AntiforgeryToken);

/// <summary>
/// <c>GET /api/session</c>: the pages ask it once for the token they send in <c>x-csrf-token</c>. Another site cannot
/// read the answer (no CORS), so it cannot forge the header.
/// </summary>
internal static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return TypedResults.Ok(new SessionView(context.User.ByApiKey() ? "api-key" : "cookie", tokens.HeaderName!, tokens.RequestToken!));
        });
        return app;
    }
}
