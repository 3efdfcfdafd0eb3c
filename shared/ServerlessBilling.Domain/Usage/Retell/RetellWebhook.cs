using System.Text.RegularExpressions;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Retell;

/// <summary>Retell call webhooks: <c>x-retell-signature: v=&lt;epoch ms&gt;,d=&lt;hex&gt;</c> = HMAC-SHA256(API key, raw body + the ms timestamp).</summary>
/// <remarks>The timestamp is appended to the body with no separator, as Retell's SDK verifier does.</remarks>
public sealed partial class RetellWebhook(RetellWebhookOptions options) : IWebhookSource
{
    public const string Source = "retell";
    public const string SignatureHeader = "x-retell-signature";

    public string Name => Source;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        var match = SignatureFormat().Match(delivery.Header(SignatureHeader) ?? "");
        if (options.ApiKey.Length == 0 || !match.Success || WebhookSignatures.EpochMilliseconds(match.Groups[1].Value) is not { } signedAt)
        {
            return WebhookVerification.Forged;
        }

        var expected = WebhookSignatures.HmacSha256(options.ApiKey, delivery.Body.ToArray(), WebhookSignatures.Utf8(match.Groups[1].Value));
        return WebhookSignatures.HexEquals(expected, match.Groups[2].Value) ? WebhookVerification.SignedAtTime(signedAt) : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region) => RetellCallEvent.Parse(delivery.Body, region);

    /// <summary>Signs a body as Retell does; for tests and tools that post to this product.</summary>
    public static string Sign(string apiKey, ReadOnlySpan<byte> body, long epochMilliseconds)
    {
        var timestamp = epochMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"v={timestamp},d={WebhookSignatures.HmacSha256Hex(apiKey, body.ToArray(), WebhookSignatures.Utf8(timestamp))}";
    }

    [GeneratedRegex("^v=(\\d+),d=([0-9a-f]{64})$")]
    private static partial Regex SignatureFormat();
}
