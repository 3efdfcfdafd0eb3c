using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

public class PriceListImportTests
{
    [Fact]
    public void Read_TwilioSample_OneRowPerPrefixAndInboundNumberType_PerMinuteIncrement()
    {
        using var csv = UpstreamSamples.Open("twilio-voice-pricing-us.csv");

        var rates = PriceListImport.Read(csv, PriceListMapping.TwilioVoice).Value;

        rates.Count.ShouldBe(14);
        rates.ShouldAllBe(r => r.Component == UsageComponent.Telephony && r.Increment == BillingIncrement.PerMinute);
        rates.Where(r => r.Direction == CallDirection.Outbound && r.Prefix!.StartsWith("18", StringComparison.Ordinal)).Select(r => r.Prefix)
            .ShouldBe(["1800", "1833", "1844", "1855", "1866", "1877", "1888"]);
        rates.Single(r => r is { Direction: CallDirection.Inbound, NumberType: NumberType.TollFree }).PerMinute.ShouldBe(0.0220m);
        rates.Single(r => r.Prefix == "447").ShouldBe(new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.0400m, BillingIncrement.PerMinute, Prefix: "447"));
    }

    [Fact]
    public void Read_RetellSample_AddsUpTheItemsOfOneComponent_PerSecond()
    {
        using var csv = UpstreamSamples.Open("retell-pricing.csv");

        var rates = PriceListImport.Read(csv, PriceListMapping.Retell).Value;

        rates.Select(r => (r.Component, r.PerMinute, r.Increment)).ShouldBe(
        [
            (UsageComponent.AiVoice, 0.076m, BillingIncrement.PerSecond),
            (UsageComponent.Telephony, 0.015m, BillingIncrement.PerSecond),
        ]);
    }

    [Fact]
    public void Read_BadCellsAndMissingColumn_NameEachLineAndField()
    {
        var mapping = PriceListMapping.Parse("perMinute=Price;direction=Dir;increment=Inc", UsageComponent.Telephony, null, null).Value;

        var bad = PriceListImport.Read(new StringReader("Price,Dir,Inc\n0.01,sideways,60/60\nabc,inbound,60/60\n0.01,inbound,sixty\n"), mapping);
        var noColumn = PriceListImport.Read(new StringReader("Cost,Dir,Inc\n0.01,inbound,60/60\n"), mapping);

        bad.Problem!.Fields.Select(f => f.Field).ShouldBe(["line 2.direction", "line 3.perMinute", "line 4.increment"]);
        noColumn.Problem!.Fields.ShouldHaveSingleItem().ShouldBe(new RecordProblem("header", "has no column 'Price' for perMinute"));
    }

    [Fact]
    public async Task ImportPriceList_TwoDates_KeepsBothVersionsAndReplacesTheSameDate()
    {
        var store = new InMemoryCostPlans();
        var planning = new CostPlanning(store, new ExpectedCosts(store, NodaTime.Testing.FakeClock.FromUtc(2026, 11, 1), Duration.FromSeconds(30)));
        var october = new PriceListRequest(new LocalDate(2026, 10, 1), "USD", PriceListMapping.TwilioVoice);
        var november = october with { EffectiveFrom = new LocalDate(2026, 11, 1) };
        const string list = "Direction,Number Type,Destination Prefixes,Current Price\nInbound,Local,,0.0085\n";

        (await planning.ImportPriceListAsync("twilio", "voice", october, new StringReader(list), default)).Succeeded.ShouldBeTrue();
        (await planning.ImportPriceListAsync("twilio", "voice", november, new StringReader(list), default)).Succeeded.ShouldBeTrue();
        var replaced = await planning.ImportPriceListAsync("twilio", "voice", november, new StringReader(list.Replace("0.0085", "0.0100", StringComparison.Ordinal)), default);

        var plan = replaced.Value.Plan;
        (plan.Id, plan.Currency).ShouldBe(("cost-twilio-voice", "USD"));
        plan.Versions.Select(v => (v.EffectiveFrom, v.UsageRates.Single().PerMinute)).ShouldBe([(new LocalDate(2026, 10, 1), 0.0085m), (new LocalDate(2026, 11, 1), 0.0100m)]);
        (await store.FindAsync("twilio", "voice", default)).ShouldBe(replaced.Value);
    }

    [Fact]
    public void CostPlanRead_DocumentTheSchemaRefuses_NamesTheField()
    {
        var read = CostPlan.Read("twilio", "voice", System.Text.Encoding.UTF8.GetBytes("""{"currency":"USD","versions":[{"effectiveFrom":"2026-11-01","platformFee":0,"numberFee":0,"perCall":{},"usageRates":[{"component":"Telephony"}]}]}"""));

        read.Problem!.Fields.Select(f => f.Field).ShouldContain("versions[0].usageRates[0].perMinute");
    }
}
