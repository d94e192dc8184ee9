using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lake.IngestApi.Apis;

/// <summary>
/// Every <c>/v1</c> call carries a configured key in <c>x-api-key</c> (API Gateway's usage-plan keys), or gets 401. An
/// authentication scheme, not an endpoint filter: authorization runs before the endpoint binds its parameters, so no
/// body is read for a caller without a key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<IngestOptions> ingest, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].FirstOrDefault() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ingest.Value.ApiKeys.Any(key => Matches(key, presented)))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {Header} header holds no valid key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Request.Headers.ContainsKey(Header);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = presented ? $"The {Header} header holds no valid key." : $"Send an API key in the {Header} header.",
            },
        });
    }

    private static bool Matches(string key, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(presented));
}
