using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>A period's billable minutes per day and component, as the overview draws them: every day of the period, every
/// component that has usage in it, zero where a day has none.</summary>
/// <remarks>Minutes are billable seconds (after the plan's increment) over 60, so the chart adds up to what the invoice bills.
/// A call counts on the day it started in the account's zone.</remarks>
public sealed record UsageChart(BillingPeriod Period, IReadOnlyList<UsageComponent> Components, IReadOnlyList<UsageDay> Points)
{
    public static UsageChart Build(BillingPeriod period, DateTimeZone zone, IEnumerable<RatedUsage> usage)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var minutes = usage
            .GroupBy(u => (Day: u.Event.StartedAt.InZone(zone).Date, u.Event.Component))
            .Where(g => period.Contains(g.Key.Day))
            .ToDictionary(g => g.Key, g => g.Sum(u => u.Charge.BillableSeconds) / 60m);
        var components = minutes.Keys.Select(k => k.Component).Distinct().Order().ToList();
        var points = new List<UsageDay>();
        for (var day = period.Start; day < period.End; day = day.PlusDays(1))
        {
            points.AddRange(components.Select(c => new UsageDay(day, c, minutes.GetValueOrDefault((day, c)))));
        }

        return new UsageChart(period, components, points);
    }

    /// <summary>The most minutes of any one day, all components together; the chart's scale.</summary>
    public decimal BusiestDay => Points.GroupBy(p => p.Day).Select(g => g.Sum(p => p.Minutes)).DefaultIfEmpty(0m).Max();

    public decimal TotalMinutes(UsageComponent component) => Points.Where(p => p.Component == component).Sum(p => p.Minutes);
}
