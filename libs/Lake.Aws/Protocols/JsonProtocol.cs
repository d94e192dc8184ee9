using System.Text.Json;

namespace Lake.Aws.Protocols;

/// <summary>
/// The AWS JSON 1.0 / 1.1 protocol: <c>POST /</c>, <c>X-Amz-Target: Prefix.Operation</c>, JSON in and out.
/// </summary>
/// <param name="queryCompatible">
/// For services that moved from the Query protocol (SQS): sends <c>x-amzn-query-mode: true</c> and takes the error
/// code from the <c>x-amzn-query-error</c> header, as the official SDKs do.
/// </param>
internal sealed class JsonProtocol(AwsHttpClient http, string targetPrefix, string jsonVersion, bool queryCompatible = false)
{
    private const string QueryErrorHeader = "x-amzn-query-error";

    public AwsHttpClient Http => http;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        CancellationToken cancellationToken,
        TimeSpan extraTimeout = default)
        where TResponse : new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string> { ["X-Amz-Target"] = $"{targetPrefix}.{operation}" };
        if (queryCompatible)
        {
            headers["x-amzn-query-mode"] = "true";
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var call = new AwsHttpRequest(operation, body, $"application/x-amz-json-{jsonVersion}", headers) { ExtraTimeout = extraTimeout };
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

        type = ShortCode(type);
        var code = QueryErrorCode(response) ?? type;
        return code is null
            ? AwsErrorDetails.Unrecognised(response, body)
            : new AwsErrorDetails(code, message ?? string.Empty, requestId, type);
    }

    /// <summary><c>com.amazonaws.sqs#QueueDoesNotExist</c> → <c>QueueDoesNotExist</c>; drops a trailing <c>:http://...</c>.</summary>
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

    /// <summary>The Query-protocol code from <c>x-amzn-query-error: Code;Sender</c>.</summary>
    private static string? QueryErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues(QueryErrorHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } value
            ? value.Split(';')[0].Trim() is { Length: > 0 } code ? code : null
            : null;

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
