using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

public class RaterTests
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
    private static readonly Instant November = Instant.FromUtc(2026, 11, 14, 16, 0);

    [Theory]
    [InlineData(83, 120, "0.024")]       // 2 minutes × 0.012
    [InlineData(60, 60, "0.012")]
    [InlineData(1, 60, "0.012")]
    [InlineData(0, 0, "0")]
    public void Rate_InboundPerMinute_PricesBillableMinutes(int seconds, int billable, string amount)
    {
        var charge = Rater.Rate(TestPlans.Call("c1", November, seconds), TestPlans.Standard, Chicago).Value;
        charge.BillableSeconds.ShouldBe(billable);
        charge.Amount.ShouldBe(new Money(decimal.Parse(amount), "USD"));
    }

    [Fact]
    public void Rate_Outbound30By6_AddsConnectFeeAndKeepsSixPlaces()
    {
        // 37 s at 30/6 bills 42 s: 42/60 × 0.02 = 0.014, + 0.001 connect fee.
        var charge = Rater.Rate(TestPlans.Call("c2", November, 37, CallDirection.Outbound), TestPlans.Standard, Chicago).Value;
        charge.BillableSeconds.ShouldBe(42);
        charge.Amount.Amount.ShouldBe(0.015m);
    }

    [Fact]
    public void Rate_UnansweredOutbound_ChargesTheAttemptOnly()
    {
        var charge = Rater.Rate(TestPlans.Call("c3", November, 0, CallDirection.Outbound, answered: false), TestPlans.Standard, Chicago).Value;
        charge.BillableSeconds.ShouldBe(0);
        charge.Amount.Amount.ShouldBe(0.0025m);
    }

    [Fact]
    public void Rate_PerCallDecimals_RoundsOnceWithTheNamedMode()
    {
        // 61 s inbound at 0.0123456/min → 120 s → 0.0246912 → 6 places half-up 0.024691.
        var plan = TestPlans.Standard with
        {
            Versions = [TestPlans.Standard.Versions[0] with { UsageRates = [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.0123456m, BillingIncrement.PerMinute)] }],
        };
        Rater.Rate(TestPlans.Call("c4", November, 61), plan, Chicago).Value.Amount.Amount.ShouldBe(0.024691m);
    }

    [Fact]
    public void Rate_VersionInForceAtLocalStart_IsUsed()
    {
        // 2026-12-01 05:30 UTC is still Nov 30 in Chicago: the November version applies.
        var lateNovember = Instant.FromUtc(2026, 12, 1, 5, 30);
        Rater.Rate(TestPlans.Call("c5", lateNovember, 60), TestPlans.Standard, Chicago).Value.UnitPrice.ShouldBe(0.012m);
        var december = Instant.FromUtc(2026, 12, 1, 6, 30);
        var charge = Rater.Rate(TestPlans.Call("c6", december, 60), TestPlans.Standard, Chicago).Value;
        charge.UnitPrice.ShouldBe(0.015m);
        charge.PlanVersion.ShouldBe("2026-12-01");
    }

    [Fact]
    public void Rate_NoRateForDirection_IsAnUnpricedOutcomeNamingTheField()
    {
        var december = Instant.FromUtc(2026, 12, 10, 12, 0);
        var outcome = Rater.Rate(TestPlans.Call("c7", december, 60, CallDirection.Outbound), TestPlans.Standard, Chicago);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem!.Fields[0].Field.ShouldBe("to");
        outcome.Problem.Fields[0].Reason.ShouldBe("no rate for Telephony Outbound call to +18885550100");
    }

    [Fact]
    public void Rate_BeforeFirstVersion_IsUnpriced() =>
        Rater.Rate(TestPlans.Call("c8", Instant.FromUtc(2025, 6, 1, 0, 0), 60), TestPlans.Standard, Chicago).Problem!.Fields[0].Field.ShouldBe("startedAt");
}
