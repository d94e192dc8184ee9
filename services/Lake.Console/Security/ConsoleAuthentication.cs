using System.Security.Claims;
using Lake.Console.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Lake.Console.Security;

/// <summary>
/// Who may use the console: a request with a configured key in <c>x-api-key</c>, or a browser that logged in at
/// <c>/login</c> with one and holds its cookie (HttpOnly, SameSite=Strict, 12 h sliding). Without either, a page
/// redirects to <c>/login</c> and an API (<c>/api/*</c>) answers a 401 problem.
/// </summary>
internal static class ConsoleAuthentication
{
    public const string Scheme = "Lake";
    public const string ApiKeyScheme = "ApiKey";
    public const string CookieScheme = "Cookie";
    public const string ApiKeyHeader = "x-api-key";
    public const string CookieName = "lake-console";
    public const string AntiforgeryHeader = "x-csrf-token";
    public const string AntiforgeryCookieName = "lake-console-antiforgery";
    public const string LoginPath = "/login";

    /// <summary>The fingerprint of the key a session or request authenticated with (<see cref="ConsoleKeys"/>).</summary>
    private const string KeyClaim = "lake:key";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleKeys>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "An API key or the login cookie", policy =>
                policy.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(ApiKeyHeader) ? ApiKeyScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = LoginPath;
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => IsApi(context.Request)
                        ? Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                            $"Log in at {LoginPath} or send a key in the {ApiKeyHeader} header.")
                        : Redirect(context),
                    OnRedirectToAccessDenied = context =>
                        Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "This session may not do that."),
                    OnValidatePrincipal = async context =>
                    {
                        // A session outlives nothing it was granted by: remove the key from the settings and it ends.
                        var keys = context.HttpContext.RequestServices.GetRequiredService<ConsoleKeys>();
                        if (!keys.IsCurrent(context.Principal?.FindFirstValue(KeyClaim)))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(CookieScheme);
                        }
                    },
                };
            });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeader;
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            // SecurityHeaders sends X-Frame-Options: DENY on every response.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    public static ClaimsPrincipal Principal(string keyFingerprint, string scheme) => new(new ClaimsIdentity(
    [
        // One key, one user: every holder of a key is the same console user (as with the Aspire dashboard's token).
        new Claim(ClaimTypes.NameIdentifier, "lake-console"),
        new Claim(ClaimTypes.Name, "console"),
        new Claim(KeyClaim, keyFingerprint),
    ], scheme));

    /// <summary>Whether this request carried a key rather than a browser's cookie (no antiforgery token needed).</summary>
    public static bool ByApiKey(this ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyScheme };

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
