using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Portal;

public class UsageChartTests
{
    private static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);

    [Fact]
    public void Build_EveryDayOfThePeriodForEachUsedComponent_MinutesOnTheLocalDay()
    {
        var chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var noon = Samples.Rated("a", October, "e1");                                              // 120 billable s, 12:00 UTC Oct 5
        var lateEvening = Samples.Rated("a", October, "e2") with
        {
            Event = noon.Event with { EventId = "e2", StartedAt = Instant.FromUtc(2026, 10, 6, 3, 0) },   // 22:00 Oct 5 in Chicago
        };
        var ai = Samples.Rated("a", October, "e3") with { Event = noon.Event with { EventId = "e3", Component = UsageComponent.AiVoice } };
        var nextPeriod = Samples.Rated("a", October, "e4") with { Event = noon.Event with { EventId = "e4", StartedAt = Instant.FromUtc(2026, 11, 2, 12, 0) } };

        var chart = UsageChart.Build(October, chicago, [noon, lateEvening, ai, nextPeriod]);

        chart.Components.ShouldBe([UsageComponent.Telephony, UsageComponent.AiVoice]);
        chart.Points.Count.ShouldBe(31 * 2);
        chart.Points.Where(p => p.Minutes > 0m).ShouldBe(
        [
            new UsageDay(new LocalDate(2026, 10, 5), UsageComponent.Telephony, 4m),
            new UsageDay(new LocalDate(2026, 10, 5), UsageComponent.AiVoice, 2m),
        ]);
        chart.BusiestDay.ShouldBe(6m);
        chart.TotalMinutes(UsageComponent.AiVoice).ShouldBe(2m);
    }

    [Fact]
    public void Build_NoUsage_HasNoComponentsAndAZeroScale()
    {
        var chart = UsageChart.Build(October, DateTimeZone.Utc, []);

        chart.Components.ShouldBeEmpty();
        chart.Points.ShouldBeEmpty();
        chart.BusiestDay.ShouldBe(0m);
    }
}
