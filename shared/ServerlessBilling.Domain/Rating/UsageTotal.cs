namespace ServerlessBilling.Rating;

/// <summary>The usage of one component, number or agent (or of all of them) in a period so far.</summary>
/// <param name="Key">What is counted: a component (<c>Telephony</c>), an E.164 number, an agent id; <c>total</c> for the whole period.</param>
/// <param name="Calls">Rated calls (each component of a call counts once under its component).</param>
/// <param name="Seconds">Connected seconds as the sources reported them.</param>
/// <param name="BillableMinutes">Billable seconds after each call's increment, in minutes (not rounded).</param>
/// <param name="Amount">The sum of the per-call amounts, unrounded.</param>
/// <remarks>Per-call amounts before the period's bundles and tiers, which the close applies to the period as a whole: the
/// upcoming invoice shows what is billed.</remarks>
public sealed record UsageTotal(string Key, int Calls, long Seconds, decimal BillableMinutes, decimal Amount)
{
    /// <summary>The total of <paramref name="usage"/> under <paramref name="key"/>.</summary>
    public static UsageTotal Of(string key, IEnumerable<RatedUsage> usage)
    {
        var calls = 0;
        long seconds = 0, billable = 0;
        var amount = 0m;
        foreach (var u in usage)
        {
            calls++;
            seconds += u.Event.DurationSeconds;
            billable += u.Charge.BillableSeconds;
            amount += u.Charge.Amount.Amount;
        }

        return new UsageTotal(key, calls, seconds, billable / 60m, amount);
    }
}
