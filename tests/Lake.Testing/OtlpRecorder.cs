using System.Net;
using System.Net.Sockets;

namespace Lake.Testing;

/// <summary>
/// Records what OpenTelemetry SDKs POST to an OTLP/HTTP endpoint (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>),
/// standing in for the dashboard's receiver. Bodies are protobuf: strings (names, attributes) appear as UTF-8,
/// trace ids as their 16 raw bytes.
/// </summary>
public sealed class OtlpRecorder : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _received = [];

    public OtlpRecorder()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Endpoint { get; }

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

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    /// <summary>The trace exports (each one service's batch) that contain every one of <paramref name="texts"/>.</summary>
    public IReadOnlyList<byte[]> Traces(params string[] texts) => Received
        .Where(r => r.Path == "/v1/traces" && texts.All(t => Contains(r.Body, System.Text.Encoding.UTF8.GetBytes(t))))
        .Select(r => r.Body).ToList();

    /// <summary>Whether an export carries spans of the trace <paramref name="traceId"/> (32 hex digits).</summary>
    public static bool HasTrace(byte[] body, string traceId) => Contains(body, Convert.FromHexString(traceId));

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    public void Dispose() => _listener.Close();
}
