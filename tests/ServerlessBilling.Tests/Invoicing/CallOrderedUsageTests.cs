using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>A long period read from a store already in call order (<see cref="ICallOrderedUsage"/>, read a row at a time) bills
/// exactly what the same rows in any order bill: the same lines to the last digit, the same usage detail row by row.</summary>
public class CallOrderedUsageTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private static readonly Account Acme = new("acme", "Acme", "p", new BillingProfile("America/Chicago", 1, "USD"));
    private static readonly string[] Callers = ["+12065551234", "+14155550100", "+442071838750", "+18005550100", "+13125550199"];

    private static readonly PricePlan Plan = new("p", "Plan", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), 10m, 0m, [], new PerCallRounding())
        {
            Bundles =
            [
                new Bundle("Inbound pool", 40, Direction: CallDirection.Inbound, OveragePerMinute: 0.015m),
                new Bundle("Any minutes", 25),
                new Bundle("AI minutes", 5, Components: [UsageComponent.AiVoice]),
            ],
            Tiers = [new TierSchedule(UsageComponent.AiVoice, TierMode.Graduated, [new Tier(10, 0.50m), new Tier(null, 0.25m)])],
        },
    ]);

    [Theory]
    [InlineData(20261101, false)]
    [InlineData(20261102, true)]
    [InlineData(20261103, true)]
    public void Build_CallOrderedRows_SameLinesAsAnyOrder(int seed, bool split)
    {
        var usage = Usage(seed, 600);
        Func<UsageEvent, UsageJurisdiction?>? jurisdictions = split ? InvoiceTaxes.JurisdictionOf : null;

        var fromList = InvoiceBuilder.Build(Acme, Plan, November, [], usage, usageByJurisdiction: jurisdictions);
        var fromStore = InvoiceBuilder.Build(Acme, Plan, November, [], new Ordered(usage), usageByJurisdiction: jurisdictions);

        fromStore.Lines.ShouldBe(fromList.Lines);
        fromStore.Lines.Count(l => l.Category == LineCategory.PriorPeriodUsage).ShouldBe(2);
    }

    [Fact]
    public void UsageDetail_CallOrderedRows_SameCallsAndNumbersAsAnyOrder()
    {
        var usage = Usage(20261104, 600);

        var fromList = UsageDetail.Of(November, Acme, Plan, usage);
        var fromStore = UsageDetail.Of(November, Acme, Plan, new Ordered(usage));

        fromStore.Calls().ShouldBe(fromList.Calls());
        fromStore.Locations[0].Numbers().ShouldBe(fromList.Locations[0].Numbers());
        fromStore.Calls().Count().ShouldBe(600);
    }

    /// <summary>Calls of three components, both directions, five callers, many starting in the same minute (ties broken by event id),
    /// and late calls of two earlier periods; shuffled, as rows arrive.</summary>
    private static List<RatedUsage> Usage(int seed, int count)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2026, 11, 1, 12, 0);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var component = (UsageComponent)(i % 3);
            var direction = random.Next(2) == 0 ? CallDirection.Inbound : CallDirection.Outbound;
            var seconds = random.Next(10) == 0 ? 0 : random.Next(1, 600);
            var caller = Callers[random.Next(Callers.Length)];
            var e = new UsageEvent($"e{random.Next(100_000):D5}-{i}", "test", $"r{i}", start.Plus(Duration.FromMinutes(random.Next(40))), seconds, direction,
                direction == CallDirection.Inbound ? caller : "+12065550100", direction == CallDirection.Inbound ? "+12065550100" : caller, component, seconds > 0);
            var amount = seconds == 0 ? (random.Next(2) == 0 ? 0m : 0.004m) : seconds * 0.0123m / 60m;
            var charge = new Charge(seconds, new Money(amount, "USD"), 0.0123m + (i % 2) * 0.001m, "p", "2026-01-01", RatedNumberType: NumberType.Local);
            var prior = i % 40 == 0 ? "2026-09-01" : i % 45 == 0 ? "2026-10-01" : null;
            return new RatedUsage(e, "acme", November.Key, charge) { PriorPeriodKey = prior };
        }).OrderBy(_ => random.Next())];
    }

    /// <summary>The rows as a store lists a long period: sorted once (stably) into call order, then only ever enumerated.</summary>
    private sealed class Ordered(IEnumerable<RatedUsage> rows) : ICallOrderedUsage
    {
        private readonly List<RatedUsage> sorted = [.. rows.Order(Comparer<RatedUsage>.Create(CallOrder.Compare))];

        public int Count => sorted.Count;

        public RatedUsage this[int index] => sorted[index];

        public IEnumerator<RatedUsage> GetEnumerator() => sorted.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
