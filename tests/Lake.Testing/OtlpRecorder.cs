using System.Net;

namespace Lake.Testing;

/// <summary>
/// Records what OpenTelemetry SDKs POST to an OTLP/HTTP endpoint (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>),
/// standing in for the dashboard's receiver. Bodies are protobuf: strings (names, attributes) appear as UTF-8,
/// trace ids as their 16 raw bytes.
/// </summary>
public sealed class OtlpRecorder() : LoopbackHttpServer("/")
{
    private readonly List<(string Path, byte[] Body)> _received = [];

    public Uri Endpoint => Url;

    public IReadOnlyList<(string Path, byte[] Body)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        lock (_received)
        {
            _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
    }

    /// <summary>The trace exports (each one service's batch) that contain every one of <paramref name="texts"/>.</summary>
    public IReadOnlyList<byte[]> Traces(params string[] texts) => Received
        .Where(r => r.Path == "/v1/traces" && texts.All(t => Contains(r.Body, t)))
        .Select(r => r.Body).ToList();

    /// <summary>Whether an export carries spans of the trace <paramref name="traceId"/> (32 hex digits).</summary>
    public static bool HasTrace(byte[] body, string traceId) => Contains(body, Convert.FromHexString(traceId));

    /// <summary>Whether an export mentions <paramref name="text"/> (a name or attribute value).</summary>
    public static bool Contains(byte[] body, string text) => Contains(body, System.Text.Encoding.UTF8.GetBytes(text));

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;
}
