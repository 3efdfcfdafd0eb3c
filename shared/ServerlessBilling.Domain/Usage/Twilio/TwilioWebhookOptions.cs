using System.ComponentModel;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Twilio;

/// <summary>Settings for Twilio webhooks.</summary>
/// <param name="AuthToken">The Twilio account's auth token (a secret; from Key Vault in Azure).</param>
/// <param name="PublicBaseUrl">The base URL Twilio calls (e.g. https://billing.example.com); signatures cover it, and a gateway changes host and port.</param>
[WebhookSettings("Twilio")]
public sealed record TwilioWebhookOptions(string AuthToken, [DefaultValue("http://localhost:7071")] Uri PublicBaseUrl);
