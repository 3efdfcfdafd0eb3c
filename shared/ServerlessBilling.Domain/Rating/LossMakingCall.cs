using ServerlessBilling.Upstream;

namespace ServerlessBilling.Rating;

/// <summary>A call that bills less than it cost: a rate below the vendor's price, or a vendor rounding the plan does not mirror.</summary>
/// <param name="Cost">The reported cost, else the expected one (<see cref="CostBasis"/> says which).</param>
public sealed record LossMakingCall(string EventId, string Source, string To, decimal Price, decimal Cost, decimal Margin)
{
    public CostBasis CostBasis { get; init; } = CostBasis.Reported;
}
