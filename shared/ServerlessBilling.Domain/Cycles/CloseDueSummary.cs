namespace ServerlessBilling.Cycles;

/// <summary>What one check did: accounts read, closes started, accounts with nothing to start, and starts that failed (retried by the next check).</summary>
public sealed record CloseDueSummary(int Accounts, IReadOnlyList<CycleRequest> Started, int AlreadyStarted, int NothingDue)
{
    public IReadOnlyList<FailedStart> Failed { get; init; } = [];

    /// <summary>Accounts not closed on their own, and why (a location billed on its parent's consolidated invoice).</summary>
    public IReadOnlyList<SkippedAccount> Skipped { get; init; } = [];

    /// <summary>Closes started earlier that are held before numbering until a tax table covers their invoice date.</summary>
    public IReadOnlyList<HeldCycleClose> AwaitingTaxData { get; init; } = [];

    /// <summary>Tax rules whose newest rate ends within the freshness horizon.</summary>
    public IReadOnlyList<Tax.ExpiringTaxRule> ExpiringTaxRules { get; init; } = [];
}
