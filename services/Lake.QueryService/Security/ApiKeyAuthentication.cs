using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Security;

/// <summary>
/// The <c>x-api-key</c> scheme of <c>/v1</c>: a request is authenticated when the header holds one of
/// <c>Query:ApiKeys</c> (compared in fixed time). Authorization runs before the endpoint, so a request without a key
/// is answered 401 (<c>api-key-required</c>, a problem) before its body is read.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<QueryOptions> query, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";
    public const string PolicyName = "QueryApiKey";

    private readonly byte[][] _keys = [.. query.Value.ApiKeys.Select(Encoding.UTF8.GetBytes)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values is not [{ Length: > 0 } presented])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(key, bytes)))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} header is not one of Query:ApiKeys."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = $"Send one of the service's keys (setting Query:ApiKeys) in the {HeaderName} header.",
                Extensions = { ["code"] = "api-key-required" },
            },
        });
    }
}

/// <summary>Registers the <c>x-api-key</c> scheme and the policy <c>/v1</c> requires.</summary>
public static class ApiKeyAuthenticationExtensions
{
    public static IServiceCollection AddQueryApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<QueryOptions>, ApiKeyOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthenticationHandler.PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Every endpoint of <paramref name="builder"/> answers only requests carrying a key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName);
}
