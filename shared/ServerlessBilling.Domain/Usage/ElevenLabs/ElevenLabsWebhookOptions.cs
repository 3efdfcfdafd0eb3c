using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.ElevenLabs;

/// <summary>Settings for ElevenLabs post-call webhooks.</summary>
/// <param name="WebhookSecret">The workspace webhook HMAC secret. Empty rejects every delivery.</param>
[WebhookSettings("ElevenLabs")]
public sealed record ElevenLabsWebhookOptions(string WebhookSecret);
