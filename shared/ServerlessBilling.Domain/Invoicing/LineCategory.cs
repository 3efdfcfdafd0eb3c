namespace ServerlessBilling.Invoicing;

/// <summary>The sections an invoice groups its lines into, in the order they are shown.</summary>
public enum LineCategory
{
    PlatformFee,
    AddOns,
    OneTimeFees,
    Numbers,
    IncludedUsage,
    Usage,

    /// <summary>Calls of an earlier period that arrived after its close had started; that invoice is never reissued.</summary>
    PriorPeriodUsage,
    Commitment,

    /// <summary>Pending charges and credits (<see cref="PendingAdjustment"/>): fees, re-rating differences, credit balances. Outside the tax base.</summary>
    Adjustments,
    Taxes,
}
