using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A usage event attributed to an account and priced: what the ledger keeps and the invoice sums.</summary>
public sealed record RatedUsage(UsageEvent Event, string AccountId, string PeriodKey, Charge Charge)
{
    /// <summary>Set when the event arrived after its own period's close had started: that period's key. It is billed in
    /// <see cref="PeriodKey"/> as prior-period usage (see <see cref="LateUsagePlacement"/>).</summary>
    public string? PriorPeriodKey { get; init; }

    /// <summary>Price minus the vendor's cost, when the vendor reported a cost in the same currency.</summary>
    public Money? Margin => Event.UpstreamCost is { } cost && cost.Currency == Charge.Amount.Currency ? Charge.Amount - cost : null;
}
