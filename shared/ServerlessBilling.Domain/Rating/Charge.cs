using ServerlessBilling.Accounts;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Rating;

/// <summary>The price of one usage event under one plan version.</summary>
/// <param name="BillableSeconds">Call time after the increment.</param>
/// <param name="Amount">Per-call amount at the plan's per-call precision (not yet rounded to cents).</param>
/// <param name="UnitPrice">The per-minute price applied.</param>
/// <param name="PlanVersion">Effective-from date of the plan version that priced it, for audit and re-rating.</param>
/// <param name="Rate">The rate-deck row that matched (component, direction, number type, prefix, band).</param>
/// <param name="Band">The time band the call started in, if the plan has bands.</param>
/// <param name="RatedNumberType">Type of the rated (called) number, for bundles scoped by number type.</param>
public sealed record Charge(
    int BillableSeconds,
    Money Amount,
    decimal UnitPrice,
    string PlanId,
    string PlanVersion,
    string? Rate = null,
    string? Band = null,
    NumberType? RatedNumberType = null)
{
    /// <summary>What the vendor's cost plan expects the call to cost the reseller; null when no cost plan prices it.</summary>
    public ExpectedCost? ExpectedCost { get; init; }
}
