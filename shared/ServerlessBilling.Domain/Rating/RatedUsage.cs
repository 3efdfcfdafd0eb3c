using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A usage event attributed to an account and priced: what the ledger keeps and the invoice sums.</summary>
public sealed record RatedUsage(UsageEvent Event, string AccountId, string PeriodKey, Charge Charge)
{
    /// <summary>Set when the event arrived after its own period's close had started: that period's key. It is billed in
    /// <see cref="PeriodKey"/> as prior-period usage (see <see cref="LateUsagePlacement"/>).</summary>
    public string? PriorPeriodKey { get; init; }

    /// <summary>Which cost <see cref="Cost"/> is: the one the vendor reported, else the one its cost plan expects, else none. A cost in
    /// another currency than the price is not used.</summary>
    public CostBasis CostBasis =>
        Event.UpstreamCost is { } reported && reported.Currency == Charge.Amount.Currency ? CostBasis.Reported
        : Charge.ExpectedCost is { } expected && expected.Amount.Currency == Charge.Amount.Currency ? CostBasis.Expected
        : CostBasis.None;

    /// <summary>The upstream cost margin is taken from (see <see cref="CostBasis"/>).</summary>
    public Money? Cost => CostBasis switch
    {
        CostBasis.Reported => Event.UpstreamCost,
        CostBasis.Expected => Charge.ExpectedCost!.Amount,
        _ => null,
    };

    /// <summary>Price minus <see cref="Cost"/>, when a cost is known in the price's currency.</summary>
    public Money? Margin => Cost is { } cost ? Charge.Amount - cost : null;
}
