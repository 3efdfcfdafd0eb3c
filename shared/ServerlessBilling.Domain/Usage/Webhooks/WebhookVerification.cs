namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Whether a delivery's signature verifies, and the instant it claims to have been signed at (null when the scheme carries none).</summary>
public sealed record WebhookVerification(bool IsAuthentic, NodaTime.Instant? SignedAt)
{
    public static readonly WebhookVerification Forged = new(false, null);

    public static WebhookVerification SignedAtTime(NodaTime.Instant signedAt) => new(true, signedAt);

    /// <summary>A scheme with no timestamp (a shared secret, Twilio's URL signature): authentic, but replay cannot be bounded.</summary>
    public static readonly WebhookVerification WithoutTimestamp = new(true, null);
}
