namespace ServerlessBilling.WebhooksOut;

/// <summary>Checks a URL's host when an endpoint is registered or changed: every address it resolves to must be allowed.</summary>
public interface IWebhookTargetCheck
{
    /// <summary>Why the URL's host may not be reached (it resolves to a loopback address, ...), or null when it may.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
