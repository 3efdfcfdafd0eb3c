using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Telnyx;

/// <summary>Telnyx Call Control webhooks: <c>telnyx-signature-ed25519</c> (Base64) over "{telnyx-timestamp}|{raw body}", verified with the account's public key.</summary>
/// <remarks>
/// Telnyx reports one call leg in several deliveries (see <see cref="TelnyxCallLeg"/>); the parts wait in an
/// <see cref="ICallPartStore"/> and the leg is queued for rating once both have arrived.
/// </remarks>
public sealed class TelnyxWebhook(TelnyxWebhookOptions options, ICallPartStore parts) : IWebhookSource
{
    public const string Source = "telnyx";
    public const string SignatureHeader = "telnyx-signature-ed25519";
    public const string TimestampHeader = "telnyx-timestamp";

    private readonly Ed25519PublicKeyParameters? publicKey = ReadKey(options.PublicKey);

    public string Name => Source;

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        var timestamp = delivery.Header(TimestampHeader);
        var signature = Base64(delivery.Header(SignatureHeader));
        if (publicKey is null || signature is not { Length: 64 } || WebhookSignatures.EpochSeconds(timestamp) is not { } signedAt)
        {
            return WebhookVerification.Forged;
        }

        var signer = new Ed25519Signer();
        signer.Init(forSigning: false, publicKey);
        var prefix = WebhookSignatures.Utf8(timestamp + "|");
        signer.BlockUpdate(prefix, 0, prefix.Length);
        signer.BlockUpdate(delivery.Body.Span);
        return signer.VerifySignature(signature) ? WebhookVerification.SignedAtTime(signedAt) : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region) => TelnyxCallLeg.Parse(delivery.Body, region);

    /// <summary>Stores this delivery's part of the leg; when the other part is already there, the joined leg is ready to rate.</summary>
    /// <remarks>Each part is written before the other is looked for, so whichever arrives last finds both. If both arrive at once, both may queue the leg; its stable id bills it once.</remarks>
    public async Task<IReadOnlyList<UsageEvent>> CollectAsync(WebhookContent content, CancellationToken cancellationToken)
    {
        var joined = new List<UsageEvent>();
        foreach (var part in content.Events)
        {
            var kind = TelnyxCallLeg.PartOf(part);
            await parts.PutAsync(Source, part.SourceRecordId, kind, part, cancellationToken);
            var other = await parts.FindAsync(Source, part.SourceRecordId, TelnyxCallLeg.OtherPart(kind), cancellationToken);
            if (other is not null)
            {
                joined.Add(TelnyxCallLeg.Join(part, other));
            }
        }

        return joined;
    }

    private static Ed25519PublicKeyParameters? ReadKey(string base64) =>
        Base64(base64) is { Length: 32 } key ? new Ed25519PublicKeyParameters(key) : null;

    private static byte[]? Base64(string? text)
    {
        var buffer = new byte[((text?.Length ?? 0) * 3 / 4) + 3];
        return text is not null && Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
