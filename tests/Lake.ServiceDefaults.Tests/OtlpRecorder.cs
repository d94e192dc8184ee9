using System.Net;
using System.Net.Sockets;

namespace Lake.ServiceDefaults.Tests;

/// <summary>Records what an OpenTelemetry SDK POSTs to an OTLP/HTTP endpoint (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>).</summary>
internal sealed class OtlpRecorder : IDisposable
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

    public void Dispose() => _listener.Close();
}
