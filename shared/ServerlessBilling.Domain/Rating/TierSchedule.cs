using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

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
