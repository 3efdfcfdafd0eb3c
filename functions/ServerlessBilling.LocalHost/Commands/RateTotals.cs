using ServerlessBilling.Rating;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>What a <c>rate</c> run adds up to: calls, exact amount and margin, and what could not be priced or read.</summary>
public sealed record RateTotals(int Calls, int Priced, int Unpriced, int BadLines, decimal Amount, decimal UpstreamCost, decimal Margin, string Currency)
{
    public static RateTotals Of(IReadOnlyList<RatedCall> calls, OfflineInput input) => new(
        calls.Count,
        calls.Count(c => c.Charge is not null),
        calls.Count(c => c.Charge is null),
        input.BadLines.Count,
        calls.Sum(c => c.Charge?.Amount.Amount ?? 0),
        calls.Where(c => c.Event.UpstreamCost?.Currency == input.Plan.Currency).Sum(c => c.Event.UpstreamCost!.Value.Amount),
        calls.Sum(c => c.Margin?.Amount ?? 0),
        input.Plan.Currency);
}
