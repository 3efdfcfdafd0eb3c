using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

public class BundleAndTierTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);

    private static RatedUsage Call(string id, int minute, int billableSeconds, decimal amount,
        UsageComponent component = UsageComponent.Telephony, CallDirection direction = CallDirection.Outbound) =>
        new(new UsageEvent(id, "test", id, Instant.FromUtc(2026, 11, 3, 12, minute), billableSeconds, direction, "+12125550100", "+14155550100", component, true),
            "acme", November.Key, new Charge(billableSeconds, new Money(amount, "USD"), 0.06m, "p", "2026-01-01", RatedNumberType: NumberType.Local));

    [Fact]
    public void Apply_BundleRunsOutMidCall_SplitsTheCallIntoIncludedAndOverage()
    {
        var bundle = new Bundle("Included minutes", IncludedMinutes: 3);
        // In call-start order: 120 s all included; 120 s → 60 included, 60 charged at its own price pro rata; then all charged.
        var calls = new[] { Call("c", 2, 60, 0.06m), Call("a", 0, 120, 0.12m), Call("b", 1, 120, 0.12m) };

        var drawn = BundleDrawdown.Apply(calls, [bundle]);

        drawn.Select(d => (d.Usage.Event.EventId, d.IncludedSeconds, d.ChargedSeconds, d.ChargedAmount)).ShouldBe(
            [("a", 120, 0, 0m), ("b", 60, 60, 0.06m), ("c", 0, 60, 0.06m)]);
    }

    [Fact]
    public void Apply_ScopedBundleWithOverageRate_DrawsOnlyMatchingCalls()
    {
        var inboundOnly = new Bundle("Inbound bundle", 1, Direction: CallDirection.Inbound, OveragePerMinute: 0.03m);
        var calls = new[] { Call("out", 0, 60, 0.06m), Call("in", 1, 90, 0.09m, direction: CallDirection.Inbound) };

        var drawn = BundleDrawdown.Apply(calls, [inboundOnly]);

        drawn.Single(d => d.Usage.Event.EventId == "out").Bundle.ShouldBeNull();
        var inbound = drawn.Single(d => d.Usage.Event.EventId == "in");
        (inbound.IncludedSeconds, inbound.ChargedSeconds, inbound.ChargedAmount).ShouldBe((60, 30, 0.015m));
    }

    // 10 included minutes, overage 0.10/min, calls priced 0.15/min by their row: in call-start order 8 min all included,
    // 4 min = 2 included + 2 × 0.10, then every later covered call wholly at 0.10/min, never at the row's 0.15.
    [Theory]
    [InlineData("a", 480, 0, "0")]
    [InlineData("b", 120, 120, "0.20")]
    [InlineData("c", 0, 180, "0.30")]
    [InlineData("d", 0, 60, "0.10")]
    [InlineData("e", 0, 6, "0.01")]
    public void Apply_AfterTheBundleIsSpent_CoveredCallsStayAtTheOveragePrice(string id, int included, int charged, string amount)
    {
        var bundle = new Bundle("Included minutes", IncludedMinutes: 10, OveragePerMinute: 0.10m);
        var calls = new[] { Call("e", 4, 6, 0.015m), Call("a", 0, 480, 1.20m), Call("b", 1, 240, 0.60m), Call("c", 2, 180, 0.45m), Call("d", 3, 60, 0.15m) };

        var call = BundleDrawdown.Apply(calls, [bundle]).Single(d => d.Usage.Event.EventId == id);

        (call.Bundle, call.IncludedSeconds, call.ChargedSeconds, call.ChargedAmount).ShouldBe((bundle, included, charged, decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Apply_AnyArrivalOrder_GivesTheSameDrawdown()
    {
        var random = new Random(20261125);
        var calls = Enumerable.Range(0, 60).Select(i => Call($"e{i:D2}", i % 50, random.Next(0, 400), random.Next(0, 500) / 1000m)).ToList();
        var bundles = new[] { new Bundle("Pool", 45) };
        var expected = BundleDrawdown.Apply(calls, bundles);

        for (var round = 0; round < 20; round++)
        {
            var shuffled = calls.OrderBy(_ => random.Next()).ToList();
            BundleDrawdown.Apply(shuffled, bundles).ShouldBe(expected);
        }

        expected.ShouldAllBe(d => d.IncludedSeconds + d.ChargedSeconds == d.Usage.Charge.BillableSeconds);
        expected.Sum(d => d.IncludedSeconds).ShouldBeLessThanOrEqualTo(45 * 60);
    }

    [Theory]
    [InlineData(TierMode.Graduated, 100, "10")]      // 100 × 0.10
    [InlineData(TierMode.Graduated, 101, "10.08")]   // 100 × 0.10 + 1 × 0.08
    [InlineData(TierMode.Graduated, 600, "46")]      // 10 + 400 × 0.08 + 100 × 0.04
    [InlineData(TierMode.Volume, 100, "10")]         // all at 0.10
    [InlineData(TierMode.Volume, 101, "8.08")]       // all at 0.08
    [InlineData(TierMode.Volume, 500, "40")]
    [InlineData(TierMode.Volume, 501, "20.04")]      // all at 0.04
    [InlineData(TierMode.Graduated, 0, "0")]
    public void Price_TierBoundaries_GraduatedVersusVolume(TierMode mode, int minutes, string expected)
    {
        var schedule = new TierSchedule(UsageComponent.AiVoice, mode, [new Tier(100, 0.10m), new Tier(500, 0.08m), new Tier(null, 0.04m)]);
        schedule.Price(minutes).ShouldBe(decimal.Parse(expected));
    }

    [Fact]
    public void Build_BundleTiersAddOnsAndMinimumSpend_MakeTheirOwnLines()
    {
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 10m, 0m, [], new PerCallRounding())
        {
            Bundles = [new Bundle("AI minutes included", 2, Components: [UsageComponent.AiVoice])],
            Tiers = [new TierSchedule(UsageComponent.AiVoice, TierMode.Graduated, [new Tier(1, 0.50m), new Tier(null, 0.25m)])],
            AddOns = [new AddOn("recording", "Call recording", 2, 5m)],
            MinimumSpend = 40m,
        };
        var plan = new PricePlan("p", "Plan", "USD", [version]);
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"));
        // 300 s of AI voice: 120 s included, 180 s = 3 min graduated: 1 × 0.50 + 2 × 0.25 = 1.00.
        var usage = new[] { Call("ai", 0, 300, 9.99m, UsageComponent.AiVoice) };

        var invoice = InvoiceBuilder.Build(account, plan, November, [], usage);

        invoice.Lines.Select(l => (l.Category, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, 1m, 10m),
            (LineCategory.AddOns, 2m, 10m),
            (LineCategory.IncludedUsage, 2m, 0m),
            (LineCategory.Usage, 3m, 1.00m),
            (LineCategory.Commitment, 1m, 19.00m),
        ]);
        invoice.Total.Amount.ShouldBe(40m);
    }

    [Fact]
    public void Build_RolloverBundle_CarriesLastPeriodsUnusedMinutesOnce()
    {
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [], new PerCallRounding())
        {
            Bundles = [new Bundle("Pool", 10, Rollover: true)],
        };
        var plan = new PricePlan("p", "Plan", "USD", [version]);
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"));
        var october = new[] { Call("oct", 0, 240, 0.24m) with { PeriodKey = "2026-10-01" } }; // 4 of 10 minutes used: 6 carry
        // November: 18 minutes at 0.06/min; 10 + 6 included, 2 minutes charged pro rata = 0.12.
        var november = new[] { Call("n1", 0, 600, 0.60m), Call("n2", 1, 480, 0.48m) };

        var invoice = InvoiceBuilder.Build(account, plan, November, [], november, previousUsage: october);

        invoice.Lines.Select(l => (l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            ("Pool: 16 of 10 included minutes (+6 carried over)", 16m, 0m),
            ("Outbound calling minutes (2 calls)", 2m, 0.12m),
        ]);
    }

    [Theory]
    [InlineData(true, 6, "0.10", "0.60")]    // 2 + 3 + 1 overage minutes at 0.10 once the 10 included minutes are spent
    [InlineData(false, 6, "0.15", "0.90")]   // without an overage price, every overage minute at the row's 0.15
    public void Build_SpentBundle_BillsEveryLaterCallAtTheOveragePrice(bool withOverage, int minutes, string unitPrice, string amount)
    {
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [], new PerCallRounding())
        {
            Bundles = [new Bundle("Included minutes", 10, OveragePerMinute: withOverage ? 0.10m : null)],
        };
        var plan = new PricePlan("p", "Plan", "USD", [version]);
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"));
        var usage = new[] { Call("a", 0, 480, 1.20m), Call("b", 1, 240, 0.60m), Call("c", 2, 180, 0.45m), Call("d", 3, 60, 0.15m) }
            .Select(u => u with { Charge = u.Charge with { UnitPrice = 0.15m } }).ToList();

        var invoice = InvoiceBuilder.Build(account, plan, November, [], usage);

        invoice.Lines.Select(l => (l.Description, l.Quantity, l.UnitPrice, l.Amount.Amount)).ShouldBe(
        [
            ("Included minutes: 10 of 10 included minutes", 10m, null, 0m),
            ("Outbound calling minutes (4 calls)", minutes, decimal.Parse(unitPrice, CultureInfo.InvariantCulture), decimal.Parse(amount, CultureInfo.InvariantCulture)),
        ]);
    }
}
