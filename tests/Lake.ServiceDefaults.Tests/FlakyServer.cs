using System.Net;
using System.Net.Sockets;

namespace Lake.ServiceDefaults.Tests;

/// <summary>An HTTP endpoint on loopback that answers <c>failure</c> to its first requests, then 200.</summary>
internal sealed class FlakyServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failures;
    private readonly HttpStatusCode _failure;
    private int _requests;

    public FlakyServer(int failures, HttpStatusCode failure)
    {
        (_failures, _failure) = (failures, failure);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/flaky/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
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

            context.Response.StatusCode = (int)(Interlocked.Increment(ref _requests) <= _failures ? _failure : HttpStatusCode.OK);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
