using System.IO.Compression;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Lake.Dashboard.Otlp;

/// <summary>Why an OTLP request was refused; the message goes back to the exporter.</summary>
internal sealed class OtlpRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Reads one OTLP/HTTP export request: binary protobuf (<c>application/x-protobuf</c>) or OTLP/JSON
/// (<c>application/json</c>, ids in hex as the specification says), optionally gzip-compressed.
/// </summary>
internal static class OtlpRequestReader
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    /// <summary>One export request at most; an SDK's batch is far smaller.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly HashSet<string> HexIdFields = ["traceId", "spanId", "parentSpanId"];

    public static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase) == true;

    /// <exception cref="OtlpRequestException">An unsupported content type, a body too large, or one that does not decode.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        var json = IsJson(request);
        if (!json && request.ContentType?.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new OtlpRequestException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not OTLP/HTTP: send {ProtobufContentType} or {JsonContentType}.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        try
        {
            return json ? Json.Parse<T>(HexIdsToBase64(body)) : parser.ParseFrom(body);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or System.Text.Json.JsonException or FormatException)
        {
            throw new OtlpRequestException(StatusCodes.Status400BadRequest, $"The {typeof(T).Name} does not decode: {ex.Message}");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var gzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new OtlpRequestException(StatusCodes.Status413PayloadTooLarge, $"An export request may hold at most {MaxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new OtlpRequestException(StatusCodes.Status400BadRequest, $"The gzip body does not decompress: {ex.Message}");
        }

        return buffer.ToArray();
    }

    /// <summary>OTLP/JSON writes trace and span ids in hex where protobuf's JSON mapping expects base64.</summary>
    private static string HexIdsToBase64(byte[] body)
    {
        var root = JsonNode.Parse(body);
        Convert(root);
        return root?.ToJsonString() ?? "{}";

        static void Convert(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        if (HexIdFields.Contains(name) && value is JsonValue v && v.TryGetValue<string>(out var hex))
                        {
                            obj[name] = System.Convert.ToBase64String(System.Convert.FromHexString(hex));
                        }
                        else
                        {
                            Convert(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Convert(item);
                    }

                    break;
            }
        }
    }
}
