using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>Draws a period's calls down from the plan's bundles in call-start order (ties by event id), so the result never
/// depends on the order events arrived in.</summary>
public static class BundleDrawdown
{
    /// <param name="carriedSeconds">Seconds carried over from the previous period, by bundle name, added to those bundles' allowance.</param>
    public static IReadOnlyList<DrawnCall> Apply(IEnumerable<RatedUsage> usage, IReadOnlyList<Bundle>? bundles, IReadOnlyDictionary<string, long>? carriedSeconds = null) =>
        [.. Draw(usage.OrderBy(u => u.Event.StartedAt).ThenBy(u => u.Event.EventId, StringComparer.Ordinal), bundles, carriedSeconds)];

    /// <summary>Draws calls already in call-start order (<see cref="CallOrder.Own"/>) as they are enumerated, holding none of them, so
    /// a period of a million calls is drawn down a row at a time; each enumeration starts again from the full allowances.</summary>
    /// <param name="carriedSeconds">Seconds carried over from the previous period, by bundle name, added to those bundles' allowance.</param>
    public static IEnumerable<DrawnCall> Draw(IEnumerable<RatedUsage> inCallOrder, IReadOnlyList<Bundle>? bundles, IReadOnlyDictionary<string, long>? carriedSeconds = null)
    {
        bundles ??= [];
        var remaining = bundles.Select(b => AllowanceSeconds(b) + (carriedSeconds?.GetValueOrDefault(b.Name) ?? 0)).ToArray();
        foreach (var call in inCallOrder)
        {
            var billable = call.Charge.BillableSeconds;
            var index = billable == 0 ? -1 : IndexOf(bundles, remaining, call);
            if (index < 0)
            {
                yield return new DrawnCall(call, null, 0, billable, call.Charge.Amount.Amount);
                continue;
            }

            var bundle = bundles[index];
            var included = (int)Math.Min(remaining[index], billable);
            remaining[index] -= included;
            var charged = billable - included;
            var amount = charged == 0 ? 0m
                : bundle.OveragePerMinute is { } overage ? charged * overage / 60m
                : call.Charge.Amount.Amount * charged / billable;
            yield return new DrawnCall(call, bundle, included, charged, amount);
        }
    }

    /// <summary>Seconds of each rollover bundle's own allowance a period left unused: what carries into the next period.</summary>
    public static IReadOnlyDictionary<string, long> Unused(IReadOnlyList<DrawnCall> drawn, IReadOnlyList<Bundle>? bundles) =>
        (bundles ?? []).Where(b => b.Rollover).ToDictionary(
            b => b.Name,
            b => Math.Max(0, AllowanceSeconds(b) - drawn.Where(d => ReferenceEquals(d.Bundle, b)).Sum(d => (long)d.IncludedSeconds)));

    private static long AllowanceSeconds(Bundle bundle) => (long)decimal.Round(bundle.IncludedMinutes * 60m);

    /// <summary>The first covering bundle with seconds left; once every covering bundle is spent, the first covering one, so its
    /// overage price keeps applying to the calls it covers for the rest of the period.</summary>
    private static int IndexOf(IReadOnlyList<Bundle> bundles, long[] remaining, RatedUsage call)
    {
        var spent = -1;
        for (var i = 0; i < bundles.Count; i++)
        {
            if (!bundles[i].Covers(call))
            {
                continue;
            }

            if (remaining[i] > 0)
            {
                return i;
            }

            spent = spent < 0 ? i : spent;
        }

        return spent;
    }
}
