using System.Net;
using System.Net.Sockets;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Which addresses a webhook may reach: public unicast only, so a registered URL cannot make the service call into its
/// own network (server-side request forgery).</summary>
/// <remarks>Checked on every address a name resolves to, at registration and again at connect time (a name may resolve
/// elsewhere later). An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.</remarks>
public static class WebhookAddresses
{
    /// <summary>Why <paramref name="address"/> is refused (<c>loopback</c>, <c>private</c>, ...), or null when it is public.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => V4Refusal(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => V6Refusal(address),
            _ => "not an IP address",
        };
    }

    private static string? V4Refusal(byte[] b) => (b[0], b[1]) switch
    {
        (0, _) => "an unspecified address (0.0.0.0/8)",
        (10, _) => "a private address (10.0.0.0/8)",
        (100, >= 64 and <= 127) => "a shared address (100.64.0.0/10)",
        (169, 254) => "a link-local address (169.254.0.0/16, where cloud metadata services answer)",
        (172, >= 16 and <= 31) => "a private address (172.16.0.0/12)",
        (192, 168) => "a private address (192.168.0.0/16)",
        (192, 0) when b[2] == 0 => "a reserved address (192.0.0.0/24)",
        (198, 18 or 19) => "a benchmarking address (198.18.0.0/15)",
        ( >= 224, _) => "a multicast or reserved address (224.0.0.0/3)",
        _ => null,
    };

    private static string? V6Refusal(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address (::)";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address (fe80::/10)";
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return "a unique-local address (fc00::/7)";
        }

        if (address.IsIPv6Multicast)
        {
            return "a multicast address (ff00::/8)";
        }

        // 64:ff9b::/96 (NAT64) and ::/96 (IPv4-compatible) carry an IPv4 address: judge that one.
        var carriesV4 = (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) || b[..12].All(x => x == 0);
        return carriesV4 ? V4Refusal(b[12..]) : null;
    }
}
