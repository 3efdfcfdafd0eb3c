namespace ServerlessBilling.Usage.Webhooks;

/// <summary>What a delivery <see cref="WebhookIntake{TSource}"/> took in amounts to; refused deliveries are a <see cref="Problem"/> instead.</summary>
public enum WebhookStatus
{
    /// <summary>Verified, archived and queued for rating.</summary>
    Accepted,

    /// <summary>Verified and archived, but carries nothing billable (a progress callback).</summary>
    Ignored,
}
