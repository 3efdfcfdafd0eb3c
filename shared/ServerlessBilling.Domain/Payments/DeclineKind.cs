namespace ServerlessBilling.Payments;

/// <summary>Whether a declined payment may be retried later with the same payment method.</summary>
public enum DeclineKind
{
    RetryLater,

    /// <summary>Lost or stolen card, fraud, closed or invalid account: ask for a new payment method, never retry it.</summary>
    DoNotRetry,
}
