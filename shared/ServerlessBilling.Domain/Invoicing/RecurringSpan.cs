using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>The days of a period a plan version's recurring fees apply to: the version's time in force, within the account's service.</summary>
/// <param name="From">First day (included).</param>
/// <param name="Until">Day after the last (excluded).</param>
public sealed record RecurringSpan(PlanVersion Version, LocalDate From, LocalDate Until)
{
    public int Days => Period.DaysBetween(From, Until);
}
