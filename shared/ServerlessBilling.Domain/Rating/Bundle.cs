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

/// <summary>Volume pricing of one component's minutes in a period, replacing the per-call price for that component at close.</summary>
/// <remarks>
/// <see cref="TierMode.Graduated"/>: each minute at the price of the tier it falls in.
/// <see cref="TierMode.Volume"/>: every minute at the price of the tier the total reaches.
/// Tiers are ordered by <see cref="Tier.UpToMinutes"/>; the last has none (no upper bound).
/// </remarks>
public sealed record TierSchedule(UsageComponent Component, TierMode Mode, IReadOnlyList<Tier> Tiers)
{
    /// <summary>The price of <paramref name="minutes"/> under this schedule (unrounded).</summary>
    public decimal Price(decimal minutes)
    {
        if (Mode == TierMode.Volume)
        {
            var reached = Tiers.FirstOrDefault(t => t.UpToMinutes is null || minutes <= t.UpToMinutes) ?? Tiers[^1];
            return minutes * reached.PerMinute;
        }

        decimal total = 0, floor = 0;
        foreach (var tier in Tiers)
        {
            var ceiling = tier.UpToMinutes ?? decimal.MaxValue;
            if (minutes <= floor)
            {
                break;
            }

            total += (Math.Min(minutes, ceiling) - floor) * tier.PerMinute;
            floor = ceiling;
        }

        return total;
    }
}

/// <summary>Minutes up to and including <see cref="UpToMinutes"/> (from the previous tier's bound) at <see cref="PerMinute"/>.</summary>
public sealed record Tier(decimal? UpToMinutes, decimal PerMinute);

public enum TierMode
{
    Graduated,
    Volume,
}
