namespace ServerlessBilling.Upstream;

/// <summary>Why a finding was made; each belongs to one <see cref="FindingKind"/>.</summary>
public enum FindingReason
{
    /// <summary>Leakage: the call waits in quarantine because no account holds its number or agent.</summary>
    Unattributed,

    /// <summary>Leakage: the call waits in quarantine for another reason (no price, a plausibility limit, a bad record).</summary>
    Quarantined,

    /// <summary>Leakage at risk: the call is billed, and a differing delivery of it waits for a person to choose.</summary>
    Conflicting,

    /// <summary>Leakage: we have no record of the call at all (its webhook never arrived or was never billed).</summary>
    Missing,

    /// <summary>Billed, not charged: the vendor charged nothing for a call we billed, or listed it as not connected.</summary>
    NotCharged,

    /// <summary>Cost difference: the vendor billed other seconds than the cost plan's increment gives (its rounding changed).</summary>
    Increment,

    /// <summary>Cost difference: the vendor billed the same seconds at another per-minute price than the cost plan's row.</summary>
    RateRow,

    /// <summary>Cost difference: no cost plan row prices the call, so nothing was expected.</summary>
    MissingRow,

    /// <summary>Unreadable: the statement line is not a call.</summary>
    Unreadable,

    /// <summary>Billed, not charged: a call billed under the vendor in the statement's month that the statement does not list at all.</summary>
    NotOnStatement,
}
