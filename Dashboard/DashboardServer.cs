using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lake.Dashboard;

/// <summary>A running dashboard. Disposing stops it: in-flight requests finish, background readers end.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly WebApplication _app;

    internal DashboardServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new UriBuilder(address) { Path = "/" };
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            // Listening on every interface: this machine reaches it on loopback.
            url.Host = "127.0.0.1";
        }

        Url = url.Uri;
    }

    /// <summary>The dashboard's address, ending in '/'; also the OTLP/HTTP base (<c>{Url}v1/traces</c>, ...).</summary>
    public Uri Url { get; }

    /// <summary>The dashboard's services (tests read its stores).</summary>
    internal IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(StopGrace);
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
