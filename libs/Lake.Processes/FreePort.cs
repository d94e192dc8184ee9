using System.Net;
using System.Net.Sockets;

namespace Lake.Processes;

/// <summary>Loopback ports for processes a test or the AppHost starts.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out on loopback; another process may still take it first.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether nothing listens on <paramref name="port"/> of <paramref name="host"/> right now.</summary>
    public static bool IsFree(string host, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(host), port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
