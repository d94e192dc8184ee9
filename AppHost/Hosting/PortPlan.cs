using System.Net;
using System.Net.Sockets;

namespace Lake.AppHost.Hosting;

/// <summary>
/// The loopback ports the lake listens on: fixed ones (users bookmark them) checked free before anything starts,
/// 0 replaced by a free port.
/// </summary>
internal sealed class PortPlan
{
    private readonly Dictionary<int, string> _taken = [];

    /// <summary>Every port reserved so far, with the setting it came from.</summary>
    public IReadOnlyDictionary<int, string> Reserved => _taken;

    /// <exception cref="PortUnavailableException">The port is in use, or already planned for another resource.</exception>
    public int Reserve(int port, string configurationKey, string resource)
    {
        if (port is < 0 or > 65535)
        {
            throw new PortUnavailableException($"{configurationKey} {port} is not a port (0-65535; 0 picks a free one).");
        }

        if (port == 0)
        {
            do
            {
                port = PickFree();
            }
            while (_taken.ContainsKey(port));
        }
        else if (_taken.TryGetValue(port, out var other))
        {
            throw new PortUnavailableException($"{configurationKey} {port} is also {other}: give {resource} another port.");
        }
        else if (!IsFree(port))
        {
            throw new PortUnavailableException(
                $"Port {port} ({configurationKey}, for {resource}) is already in use: stop what listens there, or choose another port with --{configurationKey}=<port> (0 picks a free one).");
        }

        _taken[port] = configurationKey;
        return port;
    }

    private static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>A configured port cannot be used; the message names the setting and what to do.</summary>
internal sealed class PortUnavailableException(string message) : Exception(message);
