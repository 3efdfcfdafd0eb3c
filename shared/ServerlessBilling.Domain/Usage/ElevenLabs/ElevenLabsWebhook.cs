using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.ElevenLabs;

/// <summary>ElevenLabs post-call webhooks: <c>ElevenLabs-Signature: t=&lt;epoch s&gt;,v0=&lt;hex&gt;</c> = HMAC-SHA256(secret, "{t}.{raw body}").</summary>
/// <remarks>ElevenLabs' SDKs only bound the past (30 minutes); here both directions are bounded by the shared tolerance.</remarks>
public sealed class ElevenLabsWebhook(ElevenLabsWebhookOptions options) : IWebhookSource
{
    public const string Source = "elevenlabs";
    public const string SignatureHeader = "ElevenLabs-Signature";

    public string Name => Source;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        var pairs = WebhookSignatures.Pairs(delivery.Header(SignatureHeader));
        var timestamp = pairs.GetValueOrDefault("t");
        if (options.WebhookSecret.Length == 0 || WebhookSignatures.EpochSeconds(timestamp) is not { } signedAt)
        {
            return WebhookVerification.Forged;
        }

        var expected = WebhookSignatures.HmacSha256(options.WebhookSecret, WebhookSignatures.Utf8(timestamp + "."), delivery.Body.ToArray());
        return WebhookSignatures.HexEquals(expected, pairs.GetValueOrDefault("v0")) ? WebhookVerification.SignedAtTime(signedAt) : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region) => ElevenLabsPostCall.Parse(delivery.Body, region);

    /// <summary>Signs a body as ElevenLabs does; for tests and tools.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body, long epochSeconds)
    {
        var timestamp = epochSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"t={timestamp},v0={WebhookSignatures.HmacSha256Hex(secret, WebhookSignatures.Utf8(timestamp + "."), body.ToArray())}";
    }
}
