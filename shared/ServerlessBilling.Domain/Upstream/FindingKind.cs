namespace ServerlessBilling.Upstream;

/// <summary>What a reconciliation finding is about.</summary>
public enum FindingKind
{
    /// <summary>The vendor charged a call no customer was billed for.</summary>
    Leakage,

    /// <summary>A customer was billed for a call the vendor did not charge, or charged as failed.</summary>
    BilledNotCharged,

    /// <summary>The vendor's charge and the cost plan's expected cost differ by more than the tolerance.</summary>
    CostDifference,

    /// <summary>A statement line that is not a call (a field missing or malformed).</summary>
    Unreadable,
}
