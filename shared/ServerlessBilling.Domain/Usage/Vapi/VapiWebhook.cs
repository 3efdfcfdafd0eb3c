using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Vapi;

/// <summary>Vapi server messages, authenticated by shared secret or by HMAC as <see cref="VapiWebhookOptions.Mode"/> says.</summary>
/// <remarks>
/// Vapi does not document the HMAC timestamp's unit, so values of 10^11 and more are read as milliseconds and
/// smaller ones as seconds. The shared-secret mode has no timestamp, so replays cannot be bounded by time; the
/// stable event id still bills a replayed call once.
/// </remarks>
public sealed class VapiWebhook(VapiWebhookOptions options) : IWebhookSource
{
    public const string Source = "vapi";

    public string Name => Source;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        if (options.Secret.Length == 0)
        {
            return WebhookVerification.Forged;
        }

        if (options.Mode == VapiAuthMode.Secret)
        {
            return WebhookSignatures.SecretEquals(options.Secret, delivery.Header(options.SecretHeader))
                ? WebhookVerification.WithoutTimestamp
                : WebhookVerification.Forged;
        }

        var timestamp = delivery.Header(options.TimestampHeader);
        if (SignedAt(timestamp) is not { } signedAt)
        {
            return WebhookVerification.Forged;
        }

        var expected = WebhookSignatures.HmacSha256(options.Secret, WebhookSignatures.Utf8(timestamp + "."), delivery.Body.ToArray());
        return WebhookSignatures.HexEquals(expected, delivery.Header(options.SignatureHeader)) ? WebhookVerification.SignedAtTime(signedAt) : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region) => VapiEndOfCallReport.Parse(delivery.Body, region);

    /// <summary>The HMAC signature Vapi sends with its default payload format; for tests and tools.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body, string timestamp) =>
        WebhookSignatures.HmacSha256Hex(secret, WebhookSignatures.Utf8(timestamp + "."), body.ToArray());

    private static NodaTime.Instant? SignedAt(string? timestamp) =>
        timestamp is { Length: >= 12 } ? WebhookSignatures.EpochMilliseconds(timestamp) : WebhookSignatures.EpochSeconds(timestamp);
}
