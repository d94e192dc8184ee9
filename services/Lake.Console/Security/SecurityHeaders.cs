namespace Lake.Console.Security;

/// <summary>
/// Headers on every response, error pages and problems included (set as the response starts, after any handler
/// cleared it): scripts, styles and connections only from this origin (no inline script), no framing, forms
/// posting only here, no MIME sniffing, no referrer sent to another site (a login link carries a key). The
/// referrer stays on for this origin: with <c>no-referrer</c> browsers send <c>Origin: null</c> on the console's own
/// form posts, which <see cref="CrossSiteProtection"/> would refuse. Nothing is stored by caches but the assets. An
/// object served from the lake keeps the <c>sandbox</c> policy it set.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // What the lake holds is not for shared caches or the browser's disk; assets set their own (ETag, no-cache).
            headers.TryAdd("Cache-Control", "no-store");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
