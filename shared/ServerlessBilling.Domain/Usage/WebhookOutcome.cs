namespace ServerlessBilling.Usage;

/// <summary>What became of one webhook delivery; the host maps it to an HTTP status.</summary>
public sealed record WebhookOutcome(WebhookStatus Status, RecordProblem? Problem = null, string? ArchivedAs = null)
{
    public static readonly WebhookOutcome Unauthorized = new(WebhookStatus.Unauthorized);
}

public enum WebhookStatus
{
    /// <summary>Verified, archived and queued for rating.</summary>
    Accepted,

    /// <summary>Verified and archived, but carries nothing billable (a progress callback).</summary>
    Ignored,

    /// <summary>The signature did not verify: nothing was stored.</summary>
    Unauthorized,

    /// <summary>Verified and archived, but a field is missing or malformed; <see cref="WebhookOutcome.Problem"/> names it.</summary>
    Invalid,

    /// <summary>Verified and archived, but a batch holds more events than the route accepts.</summary>
    TooLarge,
}
