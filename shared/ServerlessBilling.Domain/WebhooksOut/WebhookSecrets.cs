using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>An endpoint's signing secrets: the current one and, for a grace period after a rotation, the previous one.</summary>
/// <param name="Current"><c>whsec_</c> and base64; the key is the decoded bytes.</param>
/// <param name="Previous">The secret before the last rotation, while it is still valid.</param>
/// <param name="PreviousExpiresAt">When <paramref name="Previous"/> stops signing (exclusive).</param>
public sealed record WebhookSecrets(string Current, string? Previous = null, Instant? PreviousExpiresAt = null)
{
    /// <summary>The secrets that sign a message sent at <paramref name="now"/>: the current one first, then the previous one
    /// until it expires, so a receiver that still holds the old secret verifies during the grace period.</summary>
    public IReadOnlyList<string> SigningAt(Instant now) =>
        Previous is not null && PreviousExpiresAt is { } expires && now < expires ? [Current, Previous] : [Current];

    /// <summary>The secrets after rotating to <paramref name="next"/>: the current one stays valid until <paramref name="previousExpiresAt"/>.</summary>
    public WebhookSecrets RotateTo(string next, Instant previousExpiresAt) => new(next, Current, previousExpiresAt);
}
