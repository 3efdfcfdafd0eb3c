namespace ServerlessBilling.Upstream;

/// <summary>One call a reconciliation reports, with the amount at stake and why.</summary>
/// <param name="VendorCallId">The vendor's call id, or <c>line {n}</c> for an unreadable line.</param>
/// <param name="Amount">Leakage: the vendor's charge. Billed, not charged: what the customer was billed. Cost difference: the vendor's
/// charge minus the expected cost (positive when the vendor charged more). Unreadable: 0.</param>
/// <param name="VendorCharge">What the vendor charged for the call.</param>
/// <param name="ExpectedCost">What the cost plan expected, when the call was billed and a cost plan priced it.</param>
/// <param name="Billed">What the customer was billed for the call, when it was.</param>
/// <param name="AccountId">The account billed, when one was.</param>
/// <param name="Detail">The reason in words: the quarantine reason, the seconds or prices that differ.</param>
public sealed record ReconciliationFinding(
    string VendorCallId,
    FindingKind Kind,
    FindingReason Reason,
    decimal Amount,
    decimal VendorCharge,
    decimal? ExpectedCost,
    decimal? Billed,
    string? AccountId,
    string Detail);
