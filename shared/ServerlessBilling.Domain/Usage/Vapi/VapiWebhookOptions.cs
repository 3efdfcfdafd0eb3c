using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Vapi;

/// <summary>Settings for Vapi webhooks; the header names follow the credential configured in Vapi.</summary>
[WebhookSettings("Vapi")]
public sealed record VapiWebhookOptions(
    string Secret,
    VapiAuthMode Mode = VapiAuthMode.Hmac,
    string SignatureHeader = "x-signature",
    string TimestampHeader = "x-timestamp",
    string SecretHeader = "X-Vapi-Secret");
