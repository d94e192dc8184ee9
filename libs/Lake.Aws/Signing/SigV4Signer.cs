using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace Lake.Aws.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWS Signature Version 4. The canonical request is built here
/// (AWSSDK.Core's signer only takes its own request type); hashing, the signing key, the string to sign and the
/// Authorization header come from AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
public static class SigV4Signer
{
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";

    /// <summary>
    /// Sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (for session credentials) and <c>Authorization</c> on
    /// <paramref name="request"/>. Signed: <c>host</c>, <c>content-type</c> and every <c>x-amz-*</c> header.
    /// </summary>
    /// <param name="body">The exact bytes the request's content will send.</param>
    public static void Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> body,
        ImmutableCredentials credentials,
        string region,
        string signingName,
        DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var utc = signedAt.ToUniversalTime();
        request.Headers.Remove("Authorization");
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(SecurityTokenHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.Token);
        }

        var headers = HeadersToSign(request);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.Method.ToUpperInvariant(),
            CanonicalPath(request.RequestUri),
            CanonicalQuery(request.RequestUri),
            string.Concat(headers.Select(header => $"{header.Key}:{header.Value}\n")),
            signedHeaders,
            AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body.ToArray()), true));

        var result = AWS4Signer.ComputeSignature(credentials, region, utc, signingName, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    private static SortedDictionary<string, string> HeadersToSign(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host ?? (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}"),
        };
        var all = request.Content is null
            ? request.Headers
            : request.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(request.Content.Headers);
        foreach (var (name, values) in all)
        {
            var lower = name.ToLowerInvariant();
            // x-amzn-trace-id is changed by proxies on the way, so no signer includes it.
            if (lower == "content-type" || (lower.StartsWith("x-amz", StringComparison.Ordinal) && lower != "x-amzn-trace-id"))
            {
                headers[lower] = string.Join(',', values.Select(TrimAll));
            }
        }

        return headers;
    }

    /// <summary>The path as sent, each segment URI-encoded once more (SigV4 for every service but S3).</summary>
    internal static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(segment => Encode(segment)));
    }

    /// <summary>Query parameters decoded, re-encoded per RFC 3986 and sorted by name, then value.</summary>
    internal static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(pair => $"{pair.Name}={pair.Value}"));
    }

    /// <summary>RFC 3986 encoding: everything but <c>A-Z a-z 0-9 - _ . ~</c> as upper-case <c>%XX</c> of its UTF-8 bytes.</summary>
    internal static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    internal static string TrimAll(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
