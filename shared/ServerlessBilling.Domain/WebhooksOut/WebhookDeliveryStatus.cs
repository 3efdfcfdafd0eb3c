namespace ServerlessBilling.WebhooksOut;

/// <summary>Where a delivery of one event to one endpoint stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry).</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded,

    /// <summary>Every scheduled attempt failed; only a manual redelivery tries again.</summary>
    Exhausted,

    /// <summary>The endpoint was disabled (or removed) before the delivery succeeded; a manual redelivery tries again.</summary>
    Abandoned,
}
