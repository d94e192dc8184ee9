using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lake.ServiceDefaults;

/// <summary>What an <c>x-api-key</c> scheme accepts and how it answers a caller without a valid key.</summary>
public sealed class ApiKeySchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>The keys a request may present (the service's own setting, e.g. <c>IngestApi:ApiKeys</c>).</summary>
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>Why a presented key fails authentication (logged).</summary>
    public string InvalidKeyReason { get; set; } = $"The {ApiKeyAuthenticationHandler.HeaderName} header holds no valid key.";

    /// <summary>The 401 problem; its argument says whether a key was presented. By default: what to send, or that it is wrong.</summary>
    public Action<ProblemDetails, bool> Challenge { get; set; } = (problem, presented) =>
    {
        problem.Title = "Unauthorized";
        problem.Detail = presented
            ? $"The {ApiKeyAuthenticationHandler.HeaderName} header holds no valid key."
            : $"Send an API key in the {ApiKeyAuthenticationHandler.HeaderName} header.";
    };
}

/// <summary>
/// The <c>x-api-key</c> scheme (API Gateway's usage-plan keys): a request is authenticated when the header holds one of
/// <see cref="ApiKeySchemeOptions.Keys"/>, compared in fixed time. An authentication scheme, not an endpoint filter:
/// authorization runs before the endpoint binds its parameters, so no body is read for a caller without a key, who
/// gets a 401 problem.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeySchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<ApiKeySchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values is not [{ Length: > 0 } presented])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        if (!Options.Keys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), bytes)))
        {
            return Task.FromResult(AuthenticateResult.Fail(Options.InvalidKeyReason));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var context = new ProblemDetailsContext { HttpContext = Context, ProblemDetails = { Status = StatusCodes.Status401Unauthorized } };
        Options.Challenge(context.ProblemDetails, Request.Headers.ContainsKey(HeaderName));
        await problems.WriteAsync(context);
    }
}

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// Registers the <c>x-api-key</c> scheme as the default, with its keys read from <typeparamref name="TSettings"/>
    /// (bound and validated by the service) when a request first needs them.
    /// </summary>
    public static AuthenticationBuilder AddApiKeyAuthentication<TSettings>(
        this IServiceCollection services, Func<TSettings, IReadOnlyList<string>> keys, Action<ApiKeySchemeOptions>? configure = null)
        where TSettings : class
    {
        services.AddOptions<ApiKeySchemeOptions>(ApiKeyAuthenticationHandler.SchemeName)
            .Configure<IOptions<TSettings>>((scheme, settings) =>
            {
                configure?.Invoke(scheme);
                scheme.Keys = keys(settings.Value);
            });
        return services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeySchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
    }
}
