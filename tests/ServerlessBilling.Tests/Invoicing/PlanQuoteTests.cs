using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

public class PlanQuoteTests
{
    [Fact]
    public void Quote_SampleMonth_GivesInvoiceCostAndMarginForManyAccounts()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var sample = new[]
        {
            // Inbound 83 s → 2 min × 0.012 = 0.024, vendor cost 0.014.
            TestPlans.Call("a", Instant.FromUtc(2026, 11, 10, 15, 0), 83) with { UpstreamCost = new Money(0.014m, "USD") },
            // Outbound 37 s at 30/6 → 42 s: 0.014 + 0.001 connect = 0.015, vendor cost 0.02 (a loss on this call).
            TestPlans.Call("b", Instant.FromUtc(2026, 11, 11, 15, 0), 37, CallDirection.Outbound) with { UpstreamCost = new Money(0.02m, "USD") },
        };

        var quote = PlanQuoting.Quote(TestPlans.Standard, sample, zone, accounts: 10, numbersPerAccount: 2);

        // 49 platform + 2 × 1.50 numbers + 0.02 inbound (0.024) + 0.02 outbound (0.015) = 52.04.
        quote.Invoice.Total.Amount.ShouldBe(52.04m);
        quote.UpstreamCost.Amount.ShouldBe(0.034m);
        quote.MarginPerAccount.Amount.ShouldBe(52.01m); // 52.006 rounded once per account
        quote.Revenue.Amount.ShouldBe(520.40m);
        quote.Margin.Amount.ShouldBe(520.10m);
        quote.Unpriced.ShouldBe(0);
    }

    [Fact]
    public void Margin_ManyAccounts_IsExactlyAccountsTimesThePerAccountMargin()
    {
        // Observed: a per-account margin printed 99.91 (99.908 exact) gave 3996.32 for 40 accounts, not 40 × 99.91.
        var call = TestPlans.Call("a", Instant.FromUtc(2026, 11, 10, 15, 0), 60) with { UpstreamCost = new Money(0.042m, "USD") };

        var quote = PlanQuoting.Quote(TestPlans.Standard, [call], DateTimeZone.Utc, accounts: 40, numbersPerAccount: 1);

        // 49 platform + 1.50 number + 0.01 usage = 50.51, less 0.042 = 50.468 → 50.47 per account.
        quote.MarginPerAccount.Amount.ShouldBe(50.47m);
        quote.Margin.Amount.ShouldBe(2018.80m);
        quote.Unpriced.ShouldBe(0);
    }

    [Fact]
    public void Quote_WithCostPlans_CostsUnreportedCallsAsTheCostPlanExpects_AndCountsEachKind()
    {
        // The vendor reported the first call's cost (0.014); its cost plan buys inbound at 0.005 a whole minute; nothing prices outbound.
        var costPlan = CostPlan.Complete("t", "voice", new PricePlan("any", "", "USD",
            [new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.005m, BillingIncrement.PerMinute)], new PerCallRounding())])).Value;
        var sample = new[]
        {
            TestPlans.Call("a", Instant.FromUtc(2026, 11, 10, 15, 0), 83) with { UpstreamCost = new Money(0.014m, "USD") },
            TestPlans.Call("b", Instant.FromUtc(2026, 11, 10, 16, 0), 125),
            TestPlans.Call("c", Instant.FromUtc(2026, 11, 11, 15, 0), 37, CallDirection.Outbound),
        };

        var quote = PlanQuoting.Quote(TestPlans.Standard, sample, DateTimeZone.Utc, accounts: 1, numbersPerAccount: 0, [costPlan]);

        // 125 s → 3 whole minutes × 0.005 = 0.015 expected, with 0.014 reported.
        (quote.UpstreamCost.Amount, quote.ExpectedCost!.Value.Amount, quote.CallsWithExpectedCost, quote.CallsWithoutCost).ShouldBe((0.029m, 0.015m, 1, 1));
        PlanQuoting.Quote(TestPlans.Standard, sample, DateTimeZone.Utc, 1, 0).UpstreamCost.Amount.ShouldBe(0.014m);
    }

    [Fact]
    public void Quote_EmptySample_Throws() =>
        Should.Throw<ArgumentException>(() => PlanQuoting.Quote(TestPlans.Standard, [], DateTimeZone.Utc, 1, 1));
}
