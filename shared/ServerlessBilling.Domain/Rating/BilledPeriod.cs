namespace ServerlessBilling.Rating;

/// <summary>An account's billing period in the usage ledger (one ledger partition), as the ledger's index of sources names it.</summary>
/// <param name="PeriodKey">The period's first day, <c>yyyy-MM-dd</c>, in the account's zone.</param>
public sealed record BilledPeriod(string AccountId, string PeriodKey);
