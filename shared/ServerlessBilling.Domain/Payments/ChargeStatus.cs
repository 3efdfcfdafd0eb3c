namespace ServerlessBilling.Payments;

public enum ChargeStatus
{
    Succeeded,

    /// <summary>Accepted but not settled (ACH debits settle days later); the outcome arrives as a notification.</summary>
    Processing,

    /// <summary>The customer must act on-session (authentication); no off-session retry can succeed.</summary>
    RequiresAction,
    Declined,
}
