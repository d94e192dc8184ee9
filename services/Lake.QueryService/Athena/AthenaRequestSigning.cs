using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Lake.Aws;
using Lake.Aws.Signing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Lake.QueryService.Athena;

/// <summary>
/// SigV4 on the Athena API, checked as AWS checks it: a request must be signed for service <c>athena</c> in the
/// service's region with the credentials the service itself runs with (its SDK credential chain: locally the lake's
/// <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>), or with one of <see cref="AthenaOptions.Clients"/> (locally the
/// administrator's key, which the AWS CLI signs with). A wrong secret, another key, another region, a stale date or a
/// changed body is refused with AWS's 403 error.
/// </summary>
public sealed class AthenaRequestSigning(IServiceProvider services, TimeProvider time, IOptions<AthenaOptions> options)
{
    private readonly ImmutableCredentials[] _clients = [.. options.Value.Clients
        .Select(pair => pair.Split(':', 2))
        .Where(parts => parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
        .Select(parts => new ImmutableCredentials(parts[0], parts[1], null))];

    private readonly Lazy<AWSCredentials> _credentials = new(() =>
        services.GetService<AWSOptions>()?.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials());

    /// <summary>The region requests must be signed for.</summary>
    public string Region { get; } = services.GetService<AWSOptions>()?.Region?.SystemName
        ?? AwsEndpointResolver.FromProcessEnvironment.ResolveRegion(null);

    /// <exception cref="AthenaException">The signature is missing or wrong (403).</exception>
    public async Task VerifyAsync(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var presented = AccessKeyOf(request.Headers.Authorization.ToString());
        var credentials = _clients.FirstOrDefault(c => c.AccessKey == presented) ?? await _credentials.Value.GetCredentialsAsync();
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var signed = new SignedRequest(request.Method, target, name => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null, body);
        if (SigV4Verifier.Verify(signed, credentials, Region, AwsService.Athena.SigningName, time.GetUtcNow()) is { } failure)
        {
            throw new AthenaException(StatusCodes.Status403Forbidden, failure.ErrorCode, failure.Message);
        }
    }

    /// <summary>The access key an <c>AWS4-HMAC-SHA256 Credential=KEY/...</c> header names (null if none).</summary>
    private static string? AccessKeyOf(string authorization)
    {
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += "Credential=".Length;
        var end = authorization.IndexOf('/', start);
        return end > start ? authorization[start..end] : null;
    }
}
