using System.Globalization;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The usage a typical small business (a dental office, a realtor) makes in a month, for quoting a plan without a sample:
/// on every weekday, for each component and direction the plan prices, calls at business hours of set lengths.</summary>
/// <remarks>Fixed figures, not random ones, so the same plan always gets the same quote: per weekday and priced rate, four calls of
/// 61, 95, 180 and 320 seconds (10 min 56 s), starting at 09:00, 11:00, 14:00 and 16:00 local time. The profile reports no vendor
/// cost: its calls are the chosen vendor's, so that vendor's cost plans price them.</remarks>
public static class TypicalUsage
{
    /// <summary>The call lengths of one weekday for one rate, in seconds.</summary>
    public static readonly IReadOnlyList<int> DailySeconds = [61, 95, 180, 320];

    /// <summary>The source the profile's calls carry when no vendor is named.</summary>
    public const string Source = "typical";

    private static readonly LocalTime[] Starts = [new(9, 0), new(11, 0), new(14, 0), new(16, 0)];

    /// <summary>The month of <paramref name="period"/> for <paramref name="plan"/>'s version in force at its start.</summary>
    /// <param name="source">The vendor the calls are from (<see cref="Source"/> for none).</param>
    public static IReadOnlyList<UsageEvent> Month(PricePlan plan, BillingPeriod period, DateTimeZone zone, string source = Source)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(zone);
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var rates = version.UsageRates.Select(r => (r.Component, Direction: r.Direction ?? CallDirection.Inbound)).Distinct().ToList();
        var calls = new List<UsageEvent>();
        for (var day = period.Start; day < period.End; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }

            foreach (var (component, direction) in rates)
            {
                for (var i = 0; i < DailySeconds.Count; i++)
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"typical-{day:yyyyMMdd}-{component}-{direction}-{i}");
                    var customer = string.Create(CultureInfo.InvariantCulture, $"+1555010{1000 + i}");
                    var (from, to) = direction == CallDirection.Inbound ? (customer, "+15550100000") : ("+15550100000", customer);
                    calls.Add(new UsageEvent(id, source, id, day.At(Starts[i]).InZoneLeniently(zone).ToInstant(), DailySeconds[i], direction, from, to, component, Answered: true));
                }
            }
        }

        return calls;
    }
}
