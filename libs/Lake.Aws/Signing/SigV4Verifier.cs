using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace Lake.Aws.Signing;

/// <summary>A request as a server received it, for <see cref="SigV4Verifier"/>: header values by lower-case name.</summary>
/// <param name="Target">The request target exactly as sent (<c>/path?query</c>, still percent-encoded).</param>
/// <param name="Header">A header's values joined by commas, or null when absent; looked up by lower-case name.</param>
public sealed record SignedRequest(string Method, string Target, Func<string, string?> Header, ReadOnlyMemory<byte> Body);

/// <summary>Why a signature was refused: the AWS error code (<c>InvalidSignatureException</c>, ...) and message.</summary>
public sealed record SigV4Failure(string ErrorCode, string Message);

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header as an AWS service does: the access key is the one
/// expected, the scope names the expected region and service, <c>X-Amz-Date</c> is within 15 minutes, and the
/// signature, recomputed with the secret key over the same canonical request <see cref="SigV4Signer"/> builds
/// (<c>host</c> must be signed), matches in constant time. Query-string (presigned) signatures are not accepted.
/// </summary>
public static class SigV4Verifier
{
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <returns>null when the signature is valid; otherwise why not.</returns>
    public static SigV4Failure? Verify(SignedRequest request, ImmutableCredentials credentials, string region, string signingName, DateTimeOffset now)
    {
        var authorization = request.Header("authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return new("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal) || Parse(authorization[Algorithm.Length..]) is not { } parts
            || !parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return new("IncompleteSignatureException",
                $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with the {Algorithm} algorithm.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new("IncompleteSignatureException", $"Credential '{credential}' is not <key>/<date>/<region>/<service>/aws4_request.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(scope[0]), Encoding.UTF8.GetBytes(credentials.AccessKey)))
        {
            return new("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (scope[2] != region)
        {
            return new("InvalidSignatureException", $"Credential should be scoped to a valid region, not '{scope[2]}'; this endpoint serves '{region}'.");
        }

        if (scope[3] != signingName)
        {
            return new("InvalidSignatureException", $"Credential should be scoped to correct service: '{signingName}'.");
        }

        if (!DateTime.TryParseExact(request.Header("x-amz-date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new("IncompleteSignatureException", "The request must carry an X-Amz-Date header (yyyyMMddTHHmmssZ).");
        }

        if (scope[1] != signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return new("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}'.");
        }

        if ((now - new DateTimeOffset(signedAt, TimeSpan.Zero)).Duration() > AllowedSkew)
        {
            return new("InvalidSignatureException", $"Signature expired: {request.Header("x-amz-date")} is not within 15 minutes of {now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.");
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || names.Any(name => name != name.ToLowerInvariant()) || !names.SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            return new("InvalidSignatureException", "SignedHeaders must be lower case, sorted and include host.");
        }

        if (credentials.UseToken && request.Header("x-amz-security-token") != credentials.Token)
        {
            return new("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var uri = new Uri("http://signed.invalid" + (request.Target.StartsWith('/') ? request.Target : "/" + request.Target));
        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            SigV4Signer.CanonicalPath(uri),
            SigV4Signer.CanonicalQuery(uri),
            string.Concat(names.Select(name => $"{name}:{SigV4Signer.TrimAll(request.Header(name) ?? "")}\n")),
            signedHeaders,
            AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(request.Body.ToArray()), true));
        var expected = AWS4Signer.ComputeSignature(credentials, region, signedAt, signingName, signedHeaders, canonicalRequest).Signature;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()))
            ? null
            : new("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    /// <summary><c>Credential=..., SignedHeaders=..., Signature=...</c> → its parts; null when malformed.</summary>
    private static Dictionary<string, string>? Parse(string parameters)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0 || !parts.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim()))
            {
                return null;
            }
        }

        return parts;
    }
}
