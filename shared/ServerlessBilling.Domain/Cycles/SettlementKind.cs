namespace ServerlessBilling.Cycles;

public enum SettlementKind
{
    /// <summary>The re-rating found more than was billed: an adjustment on the next invoice.</summary>
    Charge,

    /// <summary>The re-rating found less: a credit note against the final invoice.</summary>
    Credit,
}
