using System.Text.Encodings.Web;
using Lake.Console.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lake.Console.Security;

/// <summary>
/// Authenticates a request by its <c>x-api-key</c> header (scripts, the AppHost's "Redrive dead letters" command).
/// A wrong key is a 401 problem whatever the path: a script gets no login page.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ConsoleKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ConsoleAuthentication.ApiKeyHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Match(values.ToString()) is { } fingerprint
            ? AuthenticateResult.Success(new AuthenticationTicket(ConsoleAuthentication.Principal(fingerprint, Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail($"The {ConsoleAuthentication.ApiKeyHeader} header holds no valid key."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"The {ConsoleAuthentication.ApiKeyHeader} header holds no valid key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This key may not do that.");
}
