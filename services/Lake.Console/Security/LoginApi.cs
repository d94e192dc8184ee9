using Lake.Console.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Lake.Console.Security;

/// <summary>
/// <c>GET /login</c> (the form), <c>GET /login?key=...</c> (the link the AppHost prints, like the Aspire dashboard's
/// <c>/login?t=</c>), <c>POST /login</c> (the form sent) and <c>POST /logout</c>. A valid key sets the session cookie
/// and redirects to <c>ReturnUrl</c> (a path of this console) or <c>/</c>; a wrong one answers 401 with the form again.
/// </summary>
internal static class LoginApi
{
    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConsoleAuthentication.LoginPath, ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(ConsoleAuthentication.LoginPath, LogInAsync).AllowAnonymous().RefuseCrossSite(CrossSiteProtection.Form).ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return TypedResults.NoContent();
        }).RequireAuthorization().RefuseCrossSite(CrossSiteProtection.Form, CrossSiteProtection.Json);
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string? key, string? returnUrl, ConsoleKeys keys, IAntiforgery antiforgery, StaticAssets assets)
    {
        var target = LocalPath(returnUrl);
        if (key is not null)
        {
            return await SignInAsync(context, key, target, keys, antiforgery, assets);
        }

        return context.User.Identity?.IsAuthenticated == true
            ? TypedResults.Redirect(target)
            : Form(context, antiforgery, assets, target, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LogInAsync(HttpContext context, ConsoleKeys keys, IAntiforgery antiforgery, StaticAssets assets)
    {
        // The form was read (and its size bounded) when its antiforgery token was checked.
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return await SignInAsync(context, form["key"].ToString(), LocalPath(form["returnUrl"]), keys, antiforgery, assets);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, string key, string target, ConsoleKeys keys, IAntiforgery antiforgery, StaticAssets assets)
    {
        if (keys.Match(key) is not { } fingerprint)
        {
            return Form(context, antiforgery, assets, target, "That is not one of the console's keys.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(ConsoleAuthentication.CookieScheme, ConsoleAuthentication.Principal(fingerprint, ConsoleAuthentication.CookieScheme),
            new AuthenticationProperties { IsPersistent = false });
        return TypedResults.Redirect(target);
    }

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, StaticAssets assets, string target, string? message, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = ConsolePages.RenderLogin(assets, tokens.FormFieldName, tokens.RequestToken!, target, message);
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>A path of this console (<c>/dlq</c>), never another site (<c>//evil.example</c>, <c>/\evil</c>, <c>https://...</c>); else <c>/</c>.</summary>
    internal static string LocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            && !url.Any(char.IsControl) && Uri.TryCreate(url, UriKind.Relative, out _)
            ? url
            : "/";
}
