namespace ServerlessBilling.Usage.Webhooks;

/// <summary>What became of a verified, well-formed delivery; the body of the 200 answer.</summary>
/// <param name="ArchivedAs">The name the raw payload was archived under.</param>
public sealed record WebhookReceipt(WebhookStatus Status, string ArchivedAs);

/// <summary>What a delivery <see cref="WebhookIntake{TSource}"/> took in amounts to; refused deliveries are a <see cref="Problem"/> instead.</summary>
public enum WebhookStatus
{
    /// <summary>Verified, archived and queued for rating.</summary>
    Accepted,

    /// <summary>Verified and archived, but carries nothing billable (a progress callback).</summary>
    Ignored,
}
