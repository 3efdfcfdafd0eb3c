using System.Net;
using System.Net.Sockets;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Resolves a URL's host and refuses it when any address it resolves to is not public (<see cref="WebhookAddresses"/>).</summary>
/// <param name="allowPrivateTargets">Development and tests: every address is allowed.</param>
public sealed class DnsWebhookTargetCheck(bool allowPrivateTargets) : IWebhookTargetCheck
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (allowPrivateTargets)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await HttpWebhookSender.ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return "a name that does not resolve";
        }

        return HttpWebhookSender.Refusal(url.IdnHost, addresses);
    }
}
