using Microsoft.AspNetCore.Http;
using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>An issued portal link: the address to send the customer, and when it stops working.</summary>
/// <param name="Url">Opens the portal on this host; send it to the customer as it is, it is the only credential they need.</param>
public sealed record IssuedPortalLink(string AccountId, Uri Url, Instant ExpiresAt)
{
    public static IssuedPortalLink Of(HttpRequest request, PortalLink link)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(link);
        var url = new Uri($"{request.Scheme}://{request.Host}{PortalLayout.Root}/enter?token={Uri.EscapeDataString(link.Token)}");
        return new IssuedPortalLink(link.AccountId, url, link.ExpiresAt);
    }
}
