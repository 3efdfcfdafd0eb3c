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
/// <item>Billable time is the increment (and its stages) applied to the whole call, at least the row's minimum seconds.</item>
/// <item>Time is priced per elapsed second at the row's price for that moment (steps), and per band when the plan splits
/// at band boundaries; the increment's rounding excess is priced with the last part. With increment rounding,
/// each increment's price is rounded before summing.</item>
/// <item>Then the connect fee, the minimum and maximum charge, and one rounding to the per-call decimals.</item>
/// </list>
/// </remarks>
public static class Rater
{
    /// <summary>False for a component split off a call (<see cref="UsageEvent.ByComponent"/>) when the plan version has no rate at
    /// all for that component: such a plan bills the call by its main component only, so the part is not charged rather than unpriced.</summary>
    public static bool Charges(UsageEvent usage, PricePlan plan, DateTimeZone zone) =>
        usage.IsMainComponent
        || plan.VersionOn(usage.StartedAt.InZone(zone).Date) is not { } version
        || version.UsageRates.Any(r => r.Component == usage.Component);

    public static Outcome<Charge> Rate(UsageEvent usage, PricePlan plan, DateTimeZone zone, NumberType? ratedNumberType = null)
    {
        var start = usage.StartedAt.InZone(zone);
        var version = plan.VersionOn(start.Date);
        if (version is null)
        {
            return Unpriced("startedAt", $"plan '{plan.Id}' has no version in force on {start.Date:yyyy-MM-dd}");
        }

        var deck = RateDeck.For(version);
        var digits = RateDeck.DigitsOf(usage.To);
        var band = TimeBand.At(version.TimeBands, start.LocalDateTime);
        var row = deck.Find(usage.Component, usage.Direction, ratedNumberType, digits, band);
        if (row is null)
        {
            return NoRate(usage, ratedNumberType, band);
        }

        var rate = row.Rate;
        int billable;
        decimal amount;
        if (!usage.Answered || usage.DurationSeconds == 0)
        {
            billable = 0;
            amount = rate.AttemptCharge;
        }
        else
        {
            billable = rate.BillableSeconds(usage.DurationSeconds);
            var time = PriceTime(usage, version, deck, row, digits, ratedNumberType, start, billable, out var unpriced);
            if (unpriced is not null)
            {
                return unpriced;
            }

            amount = Math.Max(time + rate.ConnectFee, rate.MinimumCharge);
            if (rate.MaximumCharge is { } cap)
            {
                amount = Math.Min(amount, cap);
            }
        }

        var money = new Money(Rounding.Round(amount, version.PerCall.Decimals, version.PerCall.Mode), plan.Currency);
        return Outcome<Charge>.Success(new Charge(billable, money, rate.PerMinute, plan.Id, deck.VersionKey, row.Description, band, ratedNumberType));
    }

    /// <summary>The price of the billable time before fees: the common case is one multiplication; steps, band splits and increment rounding walk the call.</summary>
    private static decimal PriceTime(
        UsageEvent usage, PlanVersion version, RateDeck deck, RateRow row, ReadOnlySpan<char> digits, NumberType? numberType,
        ZonedDateTime start, int billable, out Problem? unpriced)
    {
        unpriced = null;
        var split = version.BandCrossing == BandCrossing.Split && version.TimeBands is { Count: > 0 };
        if (!split && row.Rate.Steps is null && version.PerCall.IncrementDecimals is null)
        {
            return billable * row.Rate.PerMinute / 60m;
        }

        var parts = new List<(int From, UsageRate Rate)> { (0, row.Rate) };
        if (split)
        {
            parts.Clear();
            foreach (var (from, partBand) in CallSegments.ByBand(start, usage.DurationSeconds, version.TimeBands!))
            {
                var partRow = deck.Find(usage.Component, usage.Direction, numberType, digits, partBand);
                if (partRow is null)
                {
                    unpriced = NoRate(usage, numberType, partBand);
                    return 0m;
                }

                parts.Add((from, partRow.Rate));
            }
        }

        return version.PerCall.IncrementDecimals is { } places
            ? PriceByIncrement(parts, billable, row.Rate, places, version.PerCall.IncrementRounding ?? version.PerCall.Mode)
            : PriceSpan(parts, 0, billable);
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

    private static decimal PriceByIncrement(List<(int From, UsageRate Rate)> parts, int billable, UsageRate rate, int places, RoundingMode mode)
    {
        decimal total = 0;
        for (var at = 0; at < billable;)
        {
            var next = Math.Min(billable, rate.Increment.IncrementEnd(at, rate.IncrementStages));
            total += Rounding.Round(PriceSpan(parts, at, next), places, mode);
            at = next;
        }

        return total;
    }

    private static Problem NoRate(UsageEvent usage, NumberType? numberType, string? band)
    {
        var what = string.Join(' ', new[] { usage.Component.ToString(), usage.Direction.ToString(), numberType?.ToString(), band }.Where(p => p is not null));
        return Unpriced("to", $"no rate for {what} call to {usage.To}");
    }

    /// <summary>Unpriced is an expected outcome: the call goes to quarantine naming the field, and is rated again once the plan is fixed.</summary>
    private static Problem Unpriced(string field, string reason) => Problem.Invalid("The call has no price", new RecordProblem(field, reason));
}
