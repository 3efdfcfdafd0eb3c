using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Retell;

/// <summary>Settings for Retell webhooks.</summary>
/// <param name="ApiKey">The Retell API key with the webhook badge; it is the HMAC key. Empty rejects every delivery.</param>
[WebhookSettings("Retell")]
public sealed record RetellWebhookOptions(string ApiKey);
