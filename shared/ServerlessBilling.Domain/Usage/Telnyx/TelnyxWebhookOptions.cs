using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Telnyx;

/// <summary>Settings for Telnyx Call Control webhooks.</summary>
/// <param name="PublicKey">The account's Ed25519 public key, Base64 of 32 bytes (Mission Control, Keys &amp; Credentials). Empty rejects every delivery.</param>
[WebhookSettings("Telnyx")]
public sealed record TelnyxWebhookOptions(string PublicKey);
