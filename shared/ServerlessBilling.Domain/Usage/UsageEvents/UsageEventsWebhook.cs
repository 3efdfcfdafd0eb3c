using System.Globalization;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.UsageEvents;

/// <summary>Usage events posted by a reseller's own platform: <c>X-Billing-Timestamp</c> (epoch seconds) and <c>X-Billing-Signature: v1=&lt;hex&gt;</c> = HMAC-SHA256(secret, "{timestamp}.{raw body}").</summary>
public sealed class UsageEventsWebhook(UsageEventsOptions options) : IWebhookSource
{
    public const string Source = "events";
    public const string TimestampHeader = "X-Billing-Timestamp";
    public const string SignatureHeader = "X-Billing-Signature";

    public string Name => Source;

    public int MaxBodyBytes => UsageEventBatch.MaxBodyBytes;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        var timestamp = delivery.Header(TimestampHeader);
        var signature = WebhookSignatures.Pairs(delivery.Header(SignatureHeader)).GetValueOrDefault("v1");
        if (options.SigningSecret.Length == 0 || WebhookSignatures.EpochSeconds(timestamp) is not { } signedAt)
        {
            return WebhookVerification.Forged;
        }

        var expected = WebhookSignatures.HmacSha256(options.SigningSecret, WebhookSignatures.Utf8(timestamp + "."), delivery.Body.ToArray());
        return WebhookSignatures.HexEquals(expected, signature) ? WebhookVerification.SignedAtTime(signedAt) : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region) => UsageEventBatch.Parse(delivery.Body, region);

    /// <summary>The two headers a sender adds: the timestamp and <c>v1=</c> signature.</summary>
    public static (string Timestamp, string Signature) Sign(string secret, ReadOnlySpan<byte> body, long epochSeconds)
    {
        var timestamp = epochSeconds.ToString(CultureInfo.InvariantCulture);
        return (timestamp, "v1=" + WebhookSignatures.HmacSha256Hex(secret, WebhookSignatures.Utf8(timestamp + "."), body.ToArray()));
    }
}
