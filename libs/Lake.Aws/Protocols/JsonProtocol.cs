using System.Text.Json;

namespace Lake.Aws.Protocols;

/// <summary>
/// The AWS JSON 1.0 / 1.1 protocol: <c>POST /</c>, <c>X-Amz-Target: Prefix.Operation</c>, JSON in and out.
/// </summary>
internal sealed class JsonProtocol(AwsHttpClient http, string targetPrefix, string jsonVersion)
{
    public AwsHttpClient Http => http;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        CancellationToken cancellationToken)
        where TResponse : new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string> { ["X-Amz-Target"] = $"{targetPrefix}.{operation}" };
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var call = new AwsHttpRequest(operation, body, $"application/x-amz-json-{jsonVersion}", headers);
        var response = await http.SendAsync(call, ParseError, cancellationToken);
        if (response.Length == 0)
        {
            return new TResponse();
        }

        try
        {
            return JsonSerializer.Deserialize<TResponse>(response, AwsJson.Options) ?? new TResponse();
        }
        catch (JsonException exception)
        {
            throw new AwsServiceException(
                http.Service.ServiceId, "UnparseableResponse", $"The {operation} response is not the JSON expected: {exception.Message}",
                System.Net.HttpStatusCode.OK, requestId: null, innerException: exception);
        }
    }

    /// <summary>Reads <c>__type</c> (<c>namespace#Code</c>) and <c>message</c> from a JSON error, or keeps what came.</summary>
    internal static AwsErrorDetails ParseError(HttpResponseMessage response, byte[] body)
    {
        string? type = null;
        string? message = null;
        string? requestId = AwsErrorDetails.RequestIdFrom(response);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = StringMember(document.RootElement, "__type", "code", "Code");
                message = StringMember(document.RootElement, "message", "Message", "errorMessage");
                requestId ??= StringMember(document.RootElement, "RequestId", "requestId");
            }
        }
        catch (JsonException)
        {
            // Not JSON: the headers may still say what went wrong; else it is kept as received below.
        }

        if (type is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var errorTypes))
        {
            type = errorTypes.FirstOrDefault();
        }

        var code = ShortCode(type);
        return code is null
            ? AwsErrorDetails.Unrecognised(response, body)
            : new AwsErrorDetails(code, message ?? string.Empty, requestId);
    }

    /// <summary><c>com.amazonaws.glue#EntityNotFoundException</c> → <c>EntityNotFoundException</c>; drops a trailing <c>:http://...</c>.</summary>
    private static string? ShortCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':');
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static string? StringMember(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
