namespace ServerlessBilling.Rating;

/// <summary>Billed price against the vendors' cost for a set of rated calls: by component and vendor, with every loss-making call listed.</summary>
/// <remarks>Per-call amounts, before bundles and tiers (which are applied to the period at close). Calls whose vendor reported no cost count in <see cref="MarginLine.CallsWithoutCost"/> and are left out of cost and margin.</remarks>
public sealed record MarginReport(string Currency, IReadOnlyList<MarginLine> Lines, MarginLine Total, IReadOnlyList<LossMakingCall> LossMaking)
{
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
            .Select(u => new LossMakingCall(u.Event.EventId, u.Event.Source, u.Event.To, u.Charge.Amount.Amount, u.Event.UpstreamCost!.Value.Amount, u.Margin!.Value.Amount))
            .ToList();
        return new MarginReport(currency, lines, Sum("Total", usage), losses);
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
            costed.Sum(u => u.Event.UpstreamCost!.Value.Amount),
            costed.Sum(u => u.Margin!.Value.Amount),
            calls.Count - costed.Count);
    }
}
