using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Prices one usage event. A pure function of the event, the plan, the account's zone and the rated number's type,
/// so it can run in any order, be retried and be redone.</summary>
/// <remarks>
/// <list type="number">
/// <item>The plan version and time band are those of the call's start in the account's zone.</item>
/// <item>The rate row is the deck's longest-prefix match for the called number (see <see cref="UsageRate"/>).</item>
/// <item>A call that never connected, or lasted zero seconds, costs the row's attempt charge and no time.</item>
/// <item>Billable time is the increment applied to the whole call, at least the row's minimum seconds.</item>
/// <item>Time is priced per elapsed second at the row's price for that moment (steps), and per band when the plan splits
/// at band boundaries; the increment's rounding excess is priced with the last part. With increment rounding,
/// each increment's price is rounded before summing.</item>
/// <item>Then the connect fee, the minimum and maximum charge, and one rounding to the per-call decimals.</item>
/// </list>
/// </remarks>
public static class Rater
{
    public static RatingOutcome Rate(UsageEvent usage, PricePlan plan, DateTimeZone zone, NumberType? ratedNumberType = null)
    {
        var start = usage.StartedAt.InZone(zone);
        var version = plan.VersionOn(start.Date);
        if (version is null)
        {
            return RatingOutcome.Unpriced("startedAt", $"plan '{plan.Id}' has no version in force on {start.Date:yyyy-MM-dd}");
        }

        var deck = RateDeck.For(version);
        var digits = RateDeck.DigitsOf(usage.To);
        var band = TimeBand.At(version.TimeBands, start.LocalDateTime);
        var rate = deck.Find(usage.Component, usage.Direction, ratedNumberType, digits, band);
        if (rate is null)
        {
            return NoRate(usage, ratedNumberType, band);
        }

        var charge = new Charge(0, Money.Zero(plan.Currency), rate.PerMinute, plan.Id, version.EffectiveFrom.ToString("yyyy-MM-dd", null),
            rate.Describe(), band, ratedNumberType);
        if (!usage.Answered || usage.DurationSeconds == 0)
        {
            return RatingOutcome.Priced(charge with { Amount = Round(rate.AttemptCharge, version, plan.Currency) });
        }

        var billable = Math.Max(rate.Increment.BillableSeconds(usage.DurationSeconds), rate.MinimumSeconds);
        var parts = new List<(int From, UsageRate Rate)> { (0, rate) };
        if (version.BandCrossing == BandCrossing.Split && version.TimeBands is { Count: > 0 } bands)
        {
            parts.Clear();
            foreach (var (from, partBand) in CallSegments.ByBand(start, usage.DurationSeconds, bands))
            {
                var partRate = deck.Find(usage.Component, usage.Direction, ratedNumberType, digits, partBand);
                if (partRate is null)
                {
                    return NoRate(usage, ratedNumberType, partBand);
                }

                parts.Add((from, partRate));
            }
        }

        var time = version.PerCall.IncrementDecimals is { } places
            ? PriceByIncrement(parts, billable, rate.Increment, places, version.PerCall.Mode)
            : PriceSpan(parts, 0, billable);
        var amount = Math.Max(time + rate.ConnectFee, rate.MinimumCharge);
        if (rate.MaximumCharge is { } cap)
        {
            amount = Math.Min(amount, cap);
        }

        return RatingOutcome.Priced(charge with { BillableSeconds = billable, Amount = Round(amount, version, plan.Currency) });
    }

    /// <summary>The price of elapsed seconds [<paramref name="from"/>, <paramref name="to"/>), walking part and step boundaries.</summary>
    private static decimal PriceSpan(List<(int From, UsageRate Rate)> parts, int from, int to)
    {
        if (parts.Count == 1 && parts[0].Rate.Steps is null)
        {
            return (to - from) * parts[0].Rate.PerMinute / 60m;
        }

        decimal total = 0;
        var at = from;
        while (at < to)
        {
            var index = parts.FindLastIndex(p => p.From <= at);
            var rate = parts[index].Rate;
            var next = index + 1 < parts.Count ? Math.Min(parts[index + 1].From, to) : to;
            foreach (var step in rate.Steps ?? [])
            {
                if (step.AfterSeconds > at && step.AfterSeconds < next)
                {
                    next = step.AfterSeconds;
                }
            }

            total += (next - at) * rate.PerMinuteAt(at) / 60m;
            at = next;
        }

        return total;
    }

    private static decimal PriceByIncrement(List<(int From, UsageRate Rate)> parts, int billable, BillingIncrement increment, int places, RoundingMode mode)
    {
        decimal total = 0;
        for (var at = 0; at < billable;)
        {
            var next = Math.Min(billable, at == 0 ? increment.FirstSeconds : at + increment.NextSeconds);
            total += Rounding.Round(PriceSpan(parts, at, next), places, mode);
            at = next;
        }

        return total;
    }

    private static Money Round(decimal amount, PlanVersion version, string currency) =>
        new(Rounding.Round(amount, version.PerCall.Decimals, version.PerCall.Mode), currency);

    private static RatingOutcome NoRate(UsageEvent usage, NumberType? numberType, string? band)
    {
        var what = string.Join(' ', new[] { usage.Component.ToString(), usage.Direction.ToString(), numberType?.ToString(), band }.Where(p => p is not null));
        return RatingOutcome.Unpriced("to", $"no rate for {what} call to {usage.To}");
    }
}
