using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lake.Dashboard.Pages;

/// <summary>
/// The pages: each is the shared layout around its body (<c>Pages/Assets/{page}.html</c>) and its script
/// (<c>{page}.js</c>), which polls the JSON API and renders with DOM text nodes, so nothing it shows is ever
/// parsed as HTML. Assets are served from <c>/assets/</c>.
/// </summary>
internal static class DashboardPages
{
    private sealed record Page(string Route, string Asset, string Title, string? Nav);

    private static readonly Page[] All =
    [
        new("/", "resources", "Resources", "Resources"),
        new("/logs", "logs", "Console logs", "Console"),
        new("/traces", "traces", "Traces", "Traces"),
        new("/traces/{traceId}", "trace", "Trace", null),
        new("/uploads", "uploads", "Uploads", "Uploads"),
        new("/uploads/{id}", "upload", "Upload", null),
        new("/alerts", "alerts", "Alerts", "Alerts"),
        new("/dlq", "dlq", "Dead letters", "Dead letters"),
        new("/query", "query", "Query console", "Query"),
    ];

    /// <summary>Scripts and styles only from this origin; the query console (another port) may be framed.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src http: https:; object-src 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder app, StaticAssets assets)
    {
        var layout = assets.Get("layout.html").Text;
        foreach (var page in All)
        {
            var html = Encoding.UTF8.GetBytes(Render(layout, page, assets.Get($"{page.Asset}.html").Text));
            app.MapGet(page.Route, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(html, "text/html; charset=utf-8");
            }).ExcludeFromDescription();
        }

        app.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (assets.Find(name) is not { } asset || name.EndsWith(".html", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            context.Response.Headers.ETag = asset.ETag;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Request.Headers.IfNoneMatch == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        });
        return app;
    }

    private static string Render(string layout, Page page, string body)
    {
        var nav = new StringBuilder();
        foreach (var item in All.Where(p => p.Nav is not null))
        {
            var current = item == page || (page.Nav is null && page.Route.StartsWith(item.Route + "/", StringComparison.Ordinal));
            nav.Append($"<a href=\"{item.Route}\"{(current ? " aria-current=\"page\"" : "")}>{WebUtility.HtmlEncode(item.Nav)}</a>");
        }

        return layout
            .Replace("{{title}}", WebUtility.HtmlEncode(page.Title), StringComparison.Ordinal)
            .Replace("{{nav}}", nav.ToString(), StringComparison.Ordinal)
            .Replace("{{page}}", page.Asset, StringComparison.Ordinal)
            .Replace("{{body}}", body, StringComparison.Ordinal);
    }
}
