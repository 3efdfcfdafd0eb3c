using ServerlessBilling.Upstream;

namespace ServerlessBilling.Rating;

/// <summary>Billed price against the upstream cost for a set of rated calls: by component and vendor, by plan and by vendor, with
/// every loss-making call listed.</summary>
/// <remarks>Per-call amounts, before bundles and tiers (which are applied to the period at close). A call's cost is the one its vendor
/// reported, else the one its vendor's cost plan expects (<see cref="RatedUsage.CostBasis"/>); calls with neither count in
/// <see cref="MarginLine.CallsWithoutCost"/> and are left out of cost and margin.</remarks>
public sealed record MarginReport(string Currency, IReadOnlyList<MarginLine> Lines, MarginLine Total, IReadOnlyList<LossMakingCall> LossMaking)
{
    /// <summary>One line per price plan the calls were rated by.</summary>
    public IReadOnlyList<MarginLine> ByPlan { get; init; } = [];

    /// <summary>One line per vendor (usage source).</summary>
    public IReadOnlyList<MarginLine> ByVendor { get; init; } = [];

    public static MarginReport Build(IReadOnlyList<RatedUsage> usage, string currency)
    {
        var lines = usage
            .GroupBy(u => (u.Event.Component, u.Event.Source))
            .OrderBy(g => g.Key.Component).ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .Select(g => Sum($"{g.Key.Component} via {g.Key.Source}", g))
            .ToList();
        var losses = usage
            .Where(u => u.Margin is { Amount: < 0 })
            .OrderBy(u => u.Margin!.Value.Amount)
            .Select(u => new LossMakingCall(u.Event.EventId, u.Event.Source, u.Event.To, u.Charge.Amount.Amount, u.Cost!.Value.Amount, u.Margin!.Value.Amount) { CostBasis = u.CostBasis })
            .ToList();
        return new MarginReport(currency, lines, Sum("Total", usage), losses)
        {
            ByPlan = [.. usage.GroupBy(u => u.Charge.PlanId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g))],
            ByVendor = [.. usage.GroupBy(u => u.Event.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g))],
        };
    }

    private static MarginLine Sum(string label, IEnumerable<RatedUsage> usage)
    {
        var calls = usage.ToList();
        var costed = calls.Where(u => u.Margin is not null).ToList();
        return new MarginLine(
            label,
            calls.Count,
            calls.Sum(u => (long)u.Charge.BillableSeconds) / 60m,
            calls.Sum(u => u.Charge.Amount.Amount),
            costed.Sum(u => u.Cost!.Value.Amount),
            costed.Sum(u => u.Margin!.Value.Amount),
            calls.Count - costed.Count)
        {
            CallsWithExpectedCost = costed.Count(u => u.CostBasis == CostBasis.Expected),
        };
    }
}
