using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The edges of pricing one call: increments, minimums, caps, steps, prefixes, bands, DST and version switches.</summary>
public class RaterEdgeTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Tuesday10am = Instant.FromUtc(2026, 11, 10, 15, 0); // 10:00 in New York

    private static PricePlan Plan(params UsageRate[] rates) => Plan(v => v, rates);

    private static PricePlan Plan(Func<PlanVersion, PlanVersion> shape, params UsageRate[] rates) =>
        new("edge", "Edge", "USD", [shape(new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, rates, new PerCallRounding(6)))]);

    private static UsageRate Outbound(decimal perMinute, string increment = "60/60", string? prefix = null) =>
        new(UsageComponent.Telephony, CallDirection.Outbound, perMinute, Parse(increment), Prefix: prefix);

    private static BillingIncrement Parse(string text) => BillingIncrement.TryParse(text, out var increment) ? increment : throw new ArgumentException(text);

    private static UsageEvent Call(int seconds, string to = "+14155550100", Instant? at = null, bool answered = true) =>
        new("e", "test", "e", at ?? Tuesday10am, seconds, CallDirection.Outbound, "+12125550100", to, UsageComponent.Telephony, answered);

    private static Charge Rate(PricePlan plan, UsageEvent call, NumberType? type = null) =>
        Rater.Rate(call, plan, NewYork, type).Value;

    [Theory]
    [InlineData("1/1", 0, 0, "0")]
    [InlineData("1/1", 1, 1, "0.001")]
    [InlineData("1/1", 59, 59, "0.059")]
    [InlineData("1/1", 60, 60, "0.06")]
    [InlineData("1/1", 61, 61, "0.061")]
    [InlineData("6/6", 1, 6, "0.006")]
    [InlineData("6/6", 59, 60, "0.06")]
    [InlineData("6/6", 60, 60, "0.06")]
    [InlineData("6/6", 61, 66, "0.066")]
    [InlineData("30/6", 1, 30, "0.03")]
    [InlineData("30/6", 59, 60, "0.06")]
    [InlineData("30/6", 60, 60, "0.06")]
    [InlineData("30/6", 61, 66, "0.066")]
    [InlineData("60/60", 1, 60, "0.06")]
    [InlineData("60/60", 59, 60, "0.06")]
    [InlineData("60/60", 60, 60, "0.06")]
    [InlineData("60/60", 61, 120, "0.12")]
    [InlineData("60/1", 1, 60, "0.06")]
    [InlineData("60/1", 59, 60, "0.06")]
    [InlineData("60/1", 61, 61, "0.061")]
    public void Rate_IncrementSchemes_AtTheMinuteEdges(string increment, int seconds, int billable, string amount)
    {
        var charge = Rate(Plan(Outbound(0.06m, increment)), Call(seconds));
        charge.BillableSeconds.ShouldBe(billable);
        charge.Amount.Amount.ShouldBe(decimal.Parse(amount));
    }

    [Fact]
    public void Rate_MinimumSecondsMinimumChargeAndCap_ApplyInOrder()
    {
        var rate = Outbound(0.06m, "1/1") with { MinimumSeconds = 30, ConnectFee = 0.01m, MinimumCharge = 0.05m, MaximumCharge = 1.00m };
        Rate(Plan(rate), Call(5)).ShouldSatisfyAllConditions(
            c => c.BillableSeconds.ShouldBe(30),
            c => c.Amount.Amount.ShouldBe(0.05m)); // 0.03 + 0.01 connect = 0.04, raised to the 0.05 minimum
        Rate(Plan(rate), Call(120)).Amount.Amount.ShouldBe(0.13m);
        Rate(Plan(rate), Call(3600)).Amount.Amount.ShouldBe(1.00m); // 3.61 capped
    }

    [Fact]
    public void Rate_ZeroSecondsOrUnanswered_CostsTheAttemptCharge()
    {
        var plan = Plan(Outbound(0.06m) with { AttemptCharge = 0.002m, ConnectFee = 0.01m });
        Rate(plan, Call(0)).Amount.Amount.ShouldBe(0.002m);
        Rate(plan, Call(40, answered: false)).ShouldSatisfyAllConditions(c => c.Amount.Amount.ShouldBe(0.002m), c => c.BillableSeconds.ShouldBe(0));
    }

    [Fact]
    public void Rate_Steps_PriceEachPartOfTheCallAtItsOwnRate()
    {
        // First 60 s at 0.12/min, the rest at 0.06/min: 150 s → 0.12 + 90 s × 0.001 = 0.21.
        var plan = Plan(Outbound(0.12m, "1/1") with { Steps = [new RateStep(60, 0.06m)] });
        Rate(plan, Call(150)).Amount.Amount.ShouldBe(0.21m);
        Rate(plan, Call(60)).Amount.Amount.ShouldBe(0.12m);
    }

    [Fact]
    public void Rate_IncrementRounding_RoundsEachIncrementBeforeSumming()
    {
        // 0.0123/min at 6/6: each 6 s costs 0.00123 → 3 places half-up 0.001; 18 s = 3 × 0.001 = 0.003 (exact: 0.00369).
        var exact = Plan(Outbound(0.0123m, "6/6"));
        var perIncrement = Plan(v => v with { PerCall = new PerCallRounding(6, RoundingMode.HalfUp, IncrementDecimals: 3) }, Outbound(0.0123m, "6/6"));
        Rate(exact, Call(18)).Amount.Amount.ShouldBe(0.00369m);
        Rate(perIncrement, Call(18)).Amount.Amount.ShouldBe(0.003m);
    }

    // Each increment's price is rounded to 3 places with the increment rounding (or the call's mode when none is set), the sum with the call's mode.
    [Theory]
    [InlineData(RoundingMode.Up, null, "0.0123", "6/6", 18, 3, "0.006")]          // 0.00123 up → 0.002, × 3
    [InlineData(RoundingMode.Up, RoundingMode.HalfUp, "0.0123", "6/6", 18, 3, "0.003")] // 0.00123 half-up → 0.001, × 3
    [InlineData(RoundingMode.Up, RoundingMode.HalfUp, "0.0123", "6/6", 18, 2, "0.01")]  // 0.003, then up to cents
    [InlineData(RoundingMode.Down, RoundingMode.HalfUp, "0.0123", "6/6", 18, 2, "0")]   // 0.003, then down to cents
    [InlineData(RoundingMode.HalfUp, RoundingMode.HalfUp, "0.025", "6/6", 12, 3, "0.006")] // 0.0025 → 0.003, × 2
    [InlineData(RoundingMode.HalfUp, RoundingMode.HalfEven, "0.025", "6/6", 12, 3, "0.004")] // 0.0025 → 0.002, × 2
    [InlineData(RoundingMode.HalfEven, null, "0.025", "6/6", 12, 3, "0.004")]
    [InlineData(RoundingMode.HalfUp, RoundingMode.Down, "0.035", "6/6", 12, 3, "0.006")]    // 0.0035 → 0.003, × 2
    [InlineData(RoundingMode.Up, RoundingMode.HalfUp, "0.0123", "30/6", 36, 3, "0.007")]  // 30 s 0.00615 → 0.006; 6 s → 0.001
    [InlineData(RoundingMode.Up, null, "0.0123", "30/6", 36, 3, "0.009")]                 // 0.007 + 0.002
    public void Rate_IncrementRoundingMode_RoundsEachIncrementApartFromTheCallTotal(
        RoundingMode mode, RoundingMode? incrementRounding, string perMinute, string increment, int seconds, int decimals, string amount)
    {
        var plan = Plan(v => v with { PerCall = new PerCallRounding(decimals, mode, IncrementDecimals: 3, IncrementRounding: incrementRounding) },
            Outbound(decimal.Parse(perMinute, CultureInfo.InvariantCulture), increment));

        Rate(plan, Call(seconds)).Amount.Amount.ShouldBe(decimal.Parse(amount, CultureInfo.InvariantCulture));
    }

    // 30 s steps for the first minute, then 10 s steps, at 0.06/min; with incrementDecimals 3 (half-up) each step is rounded:
    // 30 s = 0.00615 → 0.006, 10 s = 0.00205 → 0.002.
    [Theory]
    [InlineData(45, null, 60, "0.06")]
    [InlineData(61, null, 70, "0.07")]
    [InlineData(45, 3, 60, "0.012")]
    [InlineData(65, 3, 70, "0.014")]    // exact 70 s × 0.0123/60 = 0.01435
    public void Rate_IncrementStages_BillAndPriceEachStep(int seconds, int? incrementDecimals, int billable, string amount)
    {
        var perMinute = incrementDecimals is null ? 0.06m : 0.0123m;
        var plan = Plan(v => v with { PerCall = new PerCallRounding(6, RoundingMode.HalfUp, incrementDecimals) },
            Outbound(perMinute, "30/30") with { IncrementStages = [new IncrementStage(60, 10)] });

        var charge = Rate(plan, Call(seconds));

        (charge.BillableSeconds, charge.Amount.Amount).ShouldBe((billable, decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("+18005550100", "1800")]
    [InlineData("+12125550100", "1")]
    [InlineData("+442071234567", "44")]
    [InlineData("+447700900123", "447")]
    [InlineData("+33612345678", null)]
    public void Rate_LongestPrefix_PicksTheMostSpecificRow(string to, string? expectedPrefix)
    {
        var plan = Plan(Outbound(0.01m, prefix: "1"), Outbound(0.02m, prefix: "1800"), Outbound(0.03m, prefix: "44"),
            Outbound(0.04m, prefix: "447"), Outbound(0.09m));
        var charge = Rate(plan, Call(60, to));
        charge.Rate.ShouldBe(expectedPrefix is null ? "Telephony Outbound" : $"Telephony Outbound +{expectedPrefix}");
    }

    [Fact]
    public void Rate_SamePrefixLength_TheRowSettingMoreKeysWins()
    {
        var plan = Plan(Outbound(0.01m, prefix: "44"), Outbound(0.05m, prefix: "44") with { NumberType = NumberType.Mobile },
            Outbound(0.02m, prefix: "44") with { Direction = null });
        Rate(plan, Call(60, "+447700900123"), NumberType.Mobile).UnitPrice.ShouldBe(0.05m);
        Rate(plan, Call(60, "+442071234567"), NumberType.Local).UnitPrice.ShouldBe(0.01m);
    }

    [Fact]
    public void Rate_NoMatchingRow_IsUnpricedWithAReasonNamingTheCall()
    {
        var outcome = Rater.Rate(Call(60, "+442071234567"), Plan(Outbound(0.01m, prefix: "1")), NewYork, NumberType.Local);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem!.Fields[0].Reason.ShouldBe("no rate for Telephony Outbound Local call to +442071234567");
    }

    private static readonly TimeBand Peak = new("peak", [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        new LocalTime(8, 0), new LocalTime(18, 0));

    private static PricePlan Banded(BandCrossing crossing) => Plan(
        v => v with { TimeBands = [Peak], BandCrossing = crossing },
        Outbound(0.06m, "1/1") with { Band = "peak" },
        Outbound(0.03m, "1/1"));

    [Fact]
    public void Rate_CallAcrossBandBoundary_StartBandOrSplitAsThePlanSays()
    {
        // Starts 17:59 New York, lasts 120 s: 60 s peak, 60 s off-peak.
        var call = Call(120, at: Instant.FromUtc(2026, 11, 10, 22, 59));
        Rate(Banded(BandCrossing.StartBand), call).ShouldSatisfyAllConditions(c => c.Amount.Amount.ShouldBe(0.12m), c => c.Band.ShouldBe("peak"));
        Rate(Banded(BandCrossing.Split), call).Amount.Amount.ShouldBe(0.09m);
    }

    [Fact]
    public void Rate_Split_RoundingExcessIsPricedInTheLastBand()
    {
        var plan = Plan(v => v with { TimeBands = [Peak], BandCrossing = BandCrossing.Split },
            Outbound(0.06m, "60/60") with { Band = "peak" }, Outbound(0.03m, "60/60"));
        // 17:59:30 + 45 s → 30 s peak, 15 s off-peak; billed 60 s: 30 s × 0.001 + 30 s × 0.0005 = 0.045.
        Rate(plan, Call(45, at: Instant.FromUtc(2026, 11, 10, 22, 59, 30))).Amount.Amount.ShouldBe(0.045m);
    }

    [Fact]
    public void Rate_AcrossDaylightSavingChange_BandsFollowTheLocalClock()
    {
        // 2026-11-01 01:30 EDT (05:30 UTC); an off-peak band 00:00–02:00 local. The clock falls back at 02:00 EDT to
        // 01:00 EST, so a call of 40 minutes started at 01:30 EDT ends at 01:10 EST, still inside the band: all off-peak.
        var night = new TimeBand("night", Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToList(), LocalTime.Midnight, new LocalTime(2, 0));
        var plan = Plan(v => v with { TimeBands = [night], BandCrossing = BandCrossing.Split },
            Outbound(0.03m, "1/1") with { Band = "night" }, Outbound(0.06m, "1/1"));
        Rate(plan, Call(2400, at: Instant.FromUtc(2026, 11, 1, 5, 30))).Amount.Amount.ShouldBe(1.20m);
    }

    [Fact]
    public void Rate_VersionSwitchAtLocalMidnight_UsesTheVersionOfTheStartDate()
    {
        var plan = new PricePlan("v", "Versions", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), 0, 0, [Outbound(0.06m)], new PerCallRounding()),
            new PlanVersion(new LocalDate(2026, 12, 1), 0, 0, [Outbound(0.03m)], new PerCallRounding()),
        ]);
        var beforeMidnight = Instant.FromUtc(2026, 12, 1, 4, 59, 59); // 23:59:59 Nov 30 in New York
        Rate(plan, Call(60, at: beforeMidnight)).UnitPrice.ShouldBe(0.06m);
        Rate(plan, Call(60, at: beforeMidnight.Plus(Duration.FromSeconds(1)))).UnitPrice.ShouldBe(0.03m);
    }
}
