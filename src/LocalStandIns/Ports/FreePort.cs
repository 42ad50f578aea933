using System.Net;
using System.Net.Sockets;

namespace MicroEvents.LocalStandIns.Ports;

/// <summary>
/// The one picker of a loopback port for a process we start and that binds it itself (PostgreSQL, anvil, a silo,
/// a gateway): the stand-ins, the tests and the benchmark harness all use it.
/// </summary>
public static class FreePort
{
    // Lower bound of the range we pick from: clear of the well-known and most registered service ports.
    private const int Lowest = 10_000;

    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>
    /// A port free now, below the kernel's ephemeral range. A port the OS hands out for port 0 comes from the range
    /// every outgoing connection's local port comes from too, so between this call and the process's own bind a
    /// PostgreSQL or HTTP client of the same run could take it (CI saw "address already in use"). Below that range
    /// only a listener can take it. Where the range leaves too little room below it, the OS picks (port 0).
    /// </summary>
    public static int Next()
    {
        var ephemeralLow = EphemeralLow();
        for (var attempt = 0; attempt < 200 && ephemeralLow > Lowest + 2_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, ephemeralLow);
            if (IsFree(port)) return port;
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether nothing listens on the loopback port now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range; its default where the file is not there (other systems).</summary>
    private static int EphemeralLow()
    {
        try
        {
            return int.TryParse(File.ReadAllText(EphemeralRange).Split('\t', ' ')[0], out var low) ? low : 32768;
        }
        catch (IOException) { return 32768; }
        catch (UnauthorizedAccessException) { return 32768; }
    }
}
