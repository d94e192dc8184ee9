using System.Net;
using System.Text;

namespace Lake.Console.Pages;

/// <summary>
/// The pages: each is the shared layout around its body (<c>Pages/Assets/{page}.html</c>) and its script
/// (<c>{page}.js</c>), which polls the JSON API and renders with DOM text nodes, so nothing it shows is ever parsed
/// as HTML. Only the login page is rendered per request (its antiforgery token), with every value HTML-encoded.
/// </summary>
internal static class ConsolePages
{
    private sealed record Page(string Route, string Asset, string Title, string? Nav);

    private static readonly Page[] All =
    [
        new("/", "pipeline", "Pipeline", "Pipeline"),
        new("/uploads", "uploads", "Uploads", "Uploads"),
        new("/uploads/{id}", "upload", "Upload", null),
        new("/alerts", "alerts", "Alerts", "Alerts"),
        new("/dlq", "dlq", "Dead letters", "Dead letters"),
        new("/query", "query", "Query console", "Query"),
    ];

    private const string LogoutButton = "<button id=\"logout\" type=\"button\" class=\"quiet\">Log out</button>";

    /// <summary>The pages, each behind the group's authentication.</summary>
    public static IEndpointRouteBuilder MapConsolePages(this IEndpointRouteBuilder pages, StaticAssets assets)
    {
        var layout = assets.Get("layout.html").Text;
        foreach (var page in All)
        {
            var scripts = $"<script src=\"/assets/console.js\" defer></script>\n  <script src=\"/assets/{page.Asset}.js\" defer></script>";
            var html = Encoding.UTF8.GetBytes(Render(layout, page.Title, Nav(page), scripts, LogoutButton, assets.Get($"{page.Asset}.html").Text));
            pages.MapGet(page.Route, () => TypedResults.Bytes(html, "text/html; charset=utf-8")).ExcludeFromDescription();
        }

        return pages;
    }

    /// <summary>
    /// <c>/assets/{name}</c>: the stylesheet and scripts, open to everyone (the login page needs the stylesheet);
    /// they are the console's code, the same for every user, and carry no data.
    /// </summary>
    public static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", (string name, HttpContext context, StaticAssets assets) =>
        {
            if (assets.Find(name) is not { } asset || name.EndsWith(".html", StringComparison.Ordinal))
            {
                return Results.Problem($"No asset is named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }

            context.Response.Headers.ETag = asset.ETag;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Request.Headers.IfNoneMatch == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The login form, with its antiforgery token, where to go once logged in, and why the last try failed.</summary>
    public static string RenderLogin(StaticAssets assets, string formField, string token, string returnUrl, string? message)
    {
        var body = assets.Get("login.html").Text
            .Replace("{{field}}", WebUtility.HtmlEncode(formField), StringComparison.Ordinal)
            .Replace("{{token}}", WebUtility.HtmlEncode(token), StringComparison.Ordinal)
            .Replace("{{returnUrl}}", WebUtility.HtmlEncode(returnUrl), StringComparison.Ordinal)
            .Replace("{{hidden}}", message is null ? " hidden" : "", StringComparison.Ordinal)
            .Replace("{{message}}", WebUtility.HtmlEncode(message ?? ""), StringComparison.Ordinal);
        return Render(assets.Get("layout.html").Text, "Log in", "", "", "", body);
    }

    private static string Nav(Page page)
    {
        var nav = new StringBuilder();
        foreach (var item in All.Where(p => p.Nav is not null))
        {
            var current = item == page || (page.Nav is null && page.Route.StartsWith(item.Route + "/", StringComparison.Ordinal));
            nav.Append($"<a href=\"{item.Route}\"{(current ? " aria-current=\"page\"" : "")}>{WebUtility.HtmlEncode(item.Nav)}</a>");
        }

        return nav.ToString();
    }

    private static string Render(string layout, string title, string nav, string scripts, string account, string body) => layout
        .Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
        .Replace("{{nav}}", nav, StringComparison.Ordinal)
        .Replace("{{scripts}}", scripts, StringComparison.Ordinal)
        .Replace("{{account}}", account, StringComparison.Ordinal)
        .Replace("{{body}}", body, StringComparison.Ordinal);
}
