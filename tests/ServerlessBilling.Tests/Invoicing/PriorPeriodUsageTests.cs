using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Invoicing;

public class PriorPeriodUsageTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    private static RatedUsage Rated(string id, Instant start, int seconds, string? priorPeriod = null)
    {
        var usage = TestPlans.Call(id, start, seconds);
        return new RatedUsage(usage, "acme", November.Key, Rater.Rate(usage, TestPlans.Standard, Chicago).Value) { PriorPeriodKey = priorPeriod };
    }

    [Fact]
    public void Build_LateCallsOfOctober_AreASeparatePriorPeriodLineAtTheirRatedPrice()
    {
        // November inbound 83 s → 2 min → 0.024; October's late calls: 200 s → 4 min → 0.048 and 30 s → 1 min → 0.012.
        var usage = new[]
        {
            Rated("nov", Instant.FromUtc(2026, 11, 10, 15, 0), 83),
            Rated("oct-1", Instant.FromUtc(2026, 10, 30, 15, 0), 200, "2026-10-01"),
            Rated("oct-2", Instant.FromUtc(2026, 10, 31, 15, 0), 30, "2026-10-01"),
        };

        var invoice = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, [], usage);

        invoice.Lines.Where(l => l.Category is LineCategory.Usage or LineCategory.PriorPeriodUsage)
            .Select(l => (l.Category, l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
            [
                (LineCategory.Usage, "Inbound calling minutes (1 call)", 2m, 0.02m),
                (LineCategory.PriorPeriodUsage, "Prior period usage, 2026-10-01 to 2026-10-31 (2 calls)", 5m, 0.06m),
            ]);
        invoice.Total.Amount.ShouldBe(invoice.Lines.Sum(l => l.Amount.Amount));
    }

    [Fact]
    public void Build_LateCallsOfTwoPeriods_AreOneLineEachInPeriodOrder()
    {
        var usage = new[]
        {
            Rated("oct", Instant.FromUtc(2026, 10, 30, 15, 0), 60, "2026-10-01"),
            Rated("sep", Instant.FromUtc(2026, 9, 30, 15, 0), 60, "2026-09-01"),
        };

        var invoice = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, [], usage);

        invoice.Lines.Where(l => l.Category == LineCategory.PriorPeriodUsage).Select(l => l.Description).ShouldBe(
        [
            "Prior period usage, 2026-09-01 to 2026-09-30 (1 call)",
            "Prior period usage, 2026-10-01 to 2026-10-31 (1 call)",
        ]);
    }
}
