using System.Net;
using System.Net.Sockets;

namespace ServerlessBilling.LocalHost.Hosting;

public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now (the OS picks it), for tests and demos that run beside other hosts.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
