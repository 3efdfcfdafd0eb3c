using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Properties over many generated calls (seeded, so a failure reproduces).</summary>
public class RatingPropertyTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Theory]
    [InlineData("1/1")]
    [InlineData("6/6")]
    [InlineData("30/6")]
    [InlineData("60/60")]
    [InlineData("60/1")]
    public void Rate_LongerCall_NeverCostsLess(string increment)
    {
        BillingIncrement.TryParse(increment, out var parsed).ShouldBeTrue();
        var rate = new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.0173m, parsed, ConnectFee: 0.004m, MinimumSeconds: 10,
            Steps: [new RateStep(120, 0.011m)]);
        var plan = new PricePlan("p", "P", "USD", [new PlanVersion(new LocalDate(2026, 1, 1), 0, 0, [rate], new PerCallRounding(4, RoundingMode.HalfEven))]);
        var previous = -1m;
        for (var seconds = 1; seconds <= 900; seconds++)
        {
            var call = new UsageEvent("e", "t", "e", Instant.FromUtc(2026, 6, 1, 12, 0), seconds, CallDirection.Outbound, "+441", "+442071234567", UsageComponent.Telephony, true);
            var amount = Rater.Rate(call, plan, Zone).Value.Amount.Amount;
            amount.ShouldBeGreaterThanOrEqualTo(previous, $"at {seconds} s");
            previous = amount;
        }
    }

    [Fact]
    public void Rate_SameCallAnyTime_GivesTheSameCharge()
    {
        var plan = TestPlans.Standard;
        var call = TestPlans.Call("x", Instant.FromUtc(2026, 11, 5, 10, 0), 137, CallDirection.Outbound);
        var first = Rater.Rate(call, plan, Zone).Value;
        Enumerable.Range(0, 50).Select(_ => Rater.Rate(call, plan, Zone).Value).ShouldAllBe(o => o == first);
    }
}
