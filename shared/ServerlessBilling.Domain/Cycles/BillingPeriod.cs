using NodaTime;

namespace ServerlessBilling.Cycles;

/// <summary>A billing period in the account's calendar: from <see cref="Start"/> up to, not including, <see cref="End"/>.</summary>
/// <remarks>
/// Periods are anchored on a bill-cycle day (1–28, so every month has it) and period N starts at
/// <c>anchor.PlusMonths(N)</c>, never by chaining, so month ends cannot drift.
/// </remarks>
public readonly record struct BillingPeriod(LocalDate Start, LocalDate End)
{
    public static BillingPeriod Containing(LocalDate date, int billCycleDay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(billCycleDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(billCycleDay, 28);
        var start = new LocalDate(date.Year, date.Month, billCycleDay);
        if (start > date)
        {
            start = start.PlusMonths(-1);
        }

        return new BillingPeriod(start, start.PlusMonths(1));
    }

    /// <summary>The period's key in storage and instance ids: the start date, <c>yyyy-MM-dd</c>.</summary>
    public string Key => Start.ToString("yyyy-MM-dd", null);

    public bool Contains(LocalDate date) => date >= Start && date < End;

    /// <summary>The instant the period ends in the given zone (midnight at the start of <see cref="End"/>).</summary>
    public Instant EndInstant(DateTimeZone zone) => End.AtStartOfDayInZone(zone).ToInstant();

    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
