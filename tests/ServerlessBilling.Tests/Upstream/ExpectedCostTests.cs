using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

public class ExpectedCostTests
{
    private static readonly CostPlan Twilio = Import("twilio", "voice", "twilio-voice-pricing-us.csv", PriceListMapping.TwilioVoice);
    private static readonly CostPlan Retell = Import("retell", "voice-agent", "retell-pricing.csv", PriceListMapping.Retell);

    [Theory]
    [InlineData(CallDirection.Inbound, "+14155230101", 125, "0.0255")]
    [InlineData(CallDirection.Inbound, "+14155230101", 1, "0.0085")]
    [InlineData(CallDirection.Outbound, "+442079460123", 200, "0.064")]
    [InlineData(CallDirection.Outbound, "+447700900123", 61, "0.08")]
    public void Price_TwilioRoundsEachCallUpToTheMinute(CallDirection direction, string to, int seconds, string expected)
    {
        var call = Call("twilio", UsageComponent.Telephony, direction, to, seconds);

        var cost = ExpectedCosts.Price(call, [Twilio], NumberClassifier.Classify(to)).ShouldNotBeNull();

        cost.Amount.ShouldBe(new Money(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), "USD"));
        (cost.CostPlan, cost.PlanVersion).ShouldBe(("cost-twilio-voice", "2026-10-01"));
    }

    [Fact]
    public void Price_RetellBillsTheSumOfItsItemsBySecond()
    {
        var cost = ExpectedCosts.Price(Call("retell", UsageComponent.AiVoice, CallDirection.Inbound, "+14155230101", 31), [Retell], NumberType.Local);

        cost.ShouldNotBeNull().Amount.ShouldBe(new Money(0.039267m, "USD"));
        cost.BillableSeconds.ShouldBe(31);
    }

    [Fact]
    public void Price_NoCostPlanRowForTheComponentOrBeforeTheFirstVersion_IsNull()
    {
        ExpectedCosts.Price(Call("twilio", UsageComponent.AiVoice, CallDirection.Inbound, "+14155230101", 60), [Twilio], NumberType.Local).ShouldBeNull();
        ExpectedCosts.Price(Call("twilio", UsageComponent.Telephony, CallDirection.Inbound, "+14155230101", 60) with { StartedAt = Instant.FromUtc(2026, 9, 30, 23, 59) }, [Twilio], NumberType.Local).ShouldBeNull();
    }

    [Fact]
    public void MarginReport_ExpectedCostWhereNoneReported_SaysWhichBasisEachLineUsed()
    {
        var reported = Rated(Call("twilio", UsageComponent.Telephony, CallDirection.Inbound, "+14155230101", 60) with { UpstreamCost = new Money(0.0085m, "USD") }, 0.02m, expected: 0.01m);
        var expected = Rated(Call("twilio", UsageComponent.Telephony, CallDirection.Inbound, "+14155230101", 60) with { EventId = "t2" }, 0.02m, expected: 0.0085m);
        var none = Rated(Call("asterisk", UsageComponent.Telephony, CallDirection.Inbound, "+14155230101", 60) with { EventId = "a1" }, 0.02m, expected: null);

        var report = MarginReport.Build([reported, expected, none], "USD");

        (reported.CostBasis, expected.CostBasis, none.CostBasis).ShouldBe((CostBasis.Reported, CostBasis.Expected, CostBasis.None));
        report.ByVendor.Select(l => (l.Label, l.Cost, l.Margin, l.CostBasis)).ShouldBe([("asterisk", 0m, 0m, "none"), ("twilio", 0.017m, 0.023m, "mixed")]);
        report.Total.CallsWithExpectedCost.ShouldBe(1);
        report.ByPlan.ShouldHaveSingleItem().Label.ShouldBe("sell");
    }

    private static RatedUsage Rated(UsageEvent call, decimal price, decimal? expected) =>
        new(call, "acme", "2026-11-01", new Charge(60, new Money(price, "USD"), price, "sell", "2026-01-01")
        {
            ExpectedCost = expected is { } e ? new ExpectedCost(new Money(e, "USD"), "cost-twilio-voice", "2026-10-01", null, 60, e) : null,
        });

    private static UsageEvent Call(string source, UsageComponent component, CallDirection direction, string to, int seconds) =>
        new($"{source}-1", source, "1", Instant.FromUtc(2026, 11, 3, 14, 5), seconds, direction,
            direction == CallDirection.Inbound ? "+13035550900" : "+14155230101", to, component, true);

    private static CostPlan Import(string vendor, string product, string sample, PriceListMapping mapping)
    {
        using var csv = UpstreamSamples.Open(sample);
        var rates = PriceListImport.Read(csv, mapping).Value;
        var plan = new PricePlan("", "", "USD", [new PlanVersion(new LocalDate(2026, 10, 1), 0m, 0m, rates, new PerCallRounding(6))]);
        return CostPlan.Complete(vendor, product, plan).Value;
    }
}
