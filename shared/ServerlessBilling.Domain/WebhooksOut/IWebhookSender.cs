namespace ServerlessBilling.WebhooksOut;

/// <summary>POSTs one signed webhook: no redirects followed, a bounded time, and only to addresses <see cref="WebhookAddresses"/> allows
/// (unless private targets are allowed), checked on the address actually connected to.</summary>
public interface IWebhookSender
{
    /// <summary>Never throws for what the endpoint or the network did: those are a <see cref="WebhookResponse"/> without a status.</summary>
    Task<WebhookResponse> SendAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken);
}
