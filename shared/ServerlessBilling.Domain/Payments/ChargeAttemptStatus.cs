namespace ServerlessBilling.Payments;

public enum ChargeAttemptStatus
{
    Succeeded,
    Processing,
    RequiresAction,
    DeclinedRetryLater,
    DeclinedDoNotRetry,

    /// <summary>No payment method on file, or collection by sending the invoice: nothing was charged.</summary>
    NotChargeable,

    /// <summary>The balance was already paid (or is settling): nothing was charged.</summary>
    NothingDue,
}
