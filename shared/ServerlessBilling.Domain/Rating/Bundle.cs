using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Minutes included in the plan each period, pooled across components or scoped by a filter.</summary>
/// <remarks>
/// Drawn down at close in call-start order, so the invoice does not depend on the order events arrived in.
/// A call that crosses the end of the bundle is split: its included seconds cost nothing, the rest is overage,
/// priced at <see cref="OveragePerMinute"/> when set, else at the call's own price pro rata. Once the bundle is spent, every
/// later call it covers is overage in full, at the same price.
/// </remarks>
/// <param name="Components">Components drawn from it; null for all (a pooled bundle).</param>
/// <param name="Direction">Only calls in this direction; null for both.</param>
/// <param name="NumberType">Only calls to this type of number; null for any.</param>
/// <param name="Prefixes">Only calls to numbers starting with one of these (E.164 digits); null for any.</param>
/// <param name="Rollover">Whether minutes of this period's allowance left unused carry into the next period (once: carried minutes do not carry again).</param>
public sealed record Bundle(
    string Name,
    decimal IncludedMinutes,
    IReadOnlyList<UsageComponent>? Components = null,
    CallDirection? Direction = null,
    NumberType? NumberType = null,
    IReadOnlyList<string>? Prefixes = null,
    decimal? OveragePerMinute = null,
    bool Rollover = false)
{
    public bool Covers(RatedUsage usage) =>
        (Components is null || Components.Contains(usage.Event.Component))
        && (Direction is null || Direction == usage.Event.Direction)
        && (NumberType is null || NumberType == usage.Charge.RatedNumberType)
        && (Prefixes is null || Prefixes.Any(p => usage.Event.To.TrimStart('+').StartsWith(p, StringComparison.Ordinal)));
}
