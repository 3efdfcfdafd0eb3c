using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>One call rated outside the pipeline: its charge, or why it has none.</summary>
public sealed record RatedCall(UsageEvent Event, Charge? Charge, RecordProblem? Problem)
{
    /// <summary>Price minus the vendor's cost, when both are known in the same currency.</summary>
    public Money? Margin => Charge is not null && Event.UpstreamCost is { } cost && cost.Currency == Charge.Amount.Currency
        ? Charge.Amount - cost
        : null;
}
