using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

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
    NumberType? RatedNumberType = null);

/// <summary>A usage event attributed to an account and priced: what the ledger keeps and the invoice sums.</summary>
public sealed record RatedUsage(UsageEvent Event, string AccountId, string PeriodKey, Charge Charge)
{
    /// <summary>Set when the event arrived after its own period's close had started: that period's key. It is billed in
    /// <see cref="PeriodKey"/> as prior-period usage (see <see cref="LateUsagePlacement"/>).</summary>
    public string? PriorPeriodKey { get; init; }

    /// <summary>Price minus the vendor's cost, when the vendor reported a cost in the same currency.</summary>
    public Money? Margin => Event.UpstreamCost is { } cost && cost.Currency == Charge.Amount.Currency ? Charge.Amount - cost : null;
}
