using System.Net;
using System.Text;

namespace Lake.Aws.Protocols;

/// <summary>What an error response said, whatever protocol carried it.</summary>
internal sealed record AwsErrorDetails(string Code, string Message, string? RequestId)
{
    private const int SnippetLength = 300;

    public AwsServiceException ToException(string serviceName, HttpStatusCode statusCode) =>
        new(serviceName, Code, Message, statusCode, RequestId);

    /// <summary>The request id AWS puts in a response header, if any.</summary>
    public static string? RequestIdFrom(HttpResponseMessage response)
    {
        foreach (var name in new[] { "x-amzn-RequestId", "x-amz-request-id" })
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>An answer that is not an AWS error (a proxy's HTML page, an empty body, ...), kept as received.</summary>
    public static AwsErrorDetails Unrecognised(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength * 4)).Trim();
        if (text.Length > SnippetLength)
        {
            text = text[..SnippetLength] + "…";
        }

        var described = text.Length == 0 ? "an empty body" : $"a body that is not an AWS error: {text}";
        var message = $"HTTP {status} {response.ReasonPhrase} with {described}";
        return new AwsErrorDetails(status.ToString(System.Globalization.CultureInfo.InvariantCulture), message, RequestIdFrom(response));
    }
}
