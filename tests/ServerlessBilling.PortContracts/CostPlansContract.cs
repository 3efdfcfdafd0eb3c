using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Cost plans are kept one per vendor and product: a second write replaces the first, and a vendor's list holds its own
/// products only (not those of a vendor whose name starts with it), ordered by product.</summary>
public abstract class CostPlansContract : PortContract<ICostPlans>
{
    [Fact]
    public async Task SetAsync_ThenFind_ReadsItBack_AndASecondWriteReplacesIt()
    {
        await Port.SetAsync(Plan("twilio", "voice", 0.0085m), default);
        await Port.SetAsync(Plan("twilio", "voice", 0.0100m), default);

        var found = await Port.FindAsync("twilio", "voice", default);

        Samples.Json(found).ShouldBe(Samples.Json(Plan("twilio", "voice", 0.0100m)));
        (await Port.FindAsync("twilio", "sip", default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_TheVendorsOwnProductsByName_NotAVendorWhoseNameStartsWithIt()
    {
        await Port.SetAsync(Plan("twilio", "voice", 0.0085m), default);
        await Port.SetAsync(Plan("twilio-eu", "voice", 0.0090m), default);
        await Port.SetAsync(Plan("twilio", "sip", 0.0040m), default);
        await Port.SetAsync(Plan("retell", "voice-agent", 0.07m), default);

        var listed = await Port.ListAsync("twilio", default);

        listed.Select(p => (p.Vendor, p.Product)).ShouldBe([("twilio", "sip"), ("twilio", "voice")]);
        (await Port.ListAsync("vapi", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListVendorsAsync_EachVendorWithACostPlanOnce_ByName()
    {
        (await Port.ListVendorsAsync(default)).ShouldBeEmpty();
        await Port.SetAsync(Plan("twilio", "voice", 0.0085m), default);
        await Port.SetAsync(Plan("twilio", "sip", 0.0040m), default);
        await Port.SetAsync(Plan("twilio-eu", "voice", 0.0090m), default);
        await Port.SetAsync(Plan("retell", "voice-agent", 0.07m), default);

        (await Port.ListVendorsAsync(default)).ShouldBe(["retell", "twilio", "twilio-eu"]);
    }

    private static CostPlan Plan(string vendor, string product, decimal perMinute) =>
        CostPlan.Complete(vendor, product, new PricePlan("", "", "USD",
        [
            new PlanVersion(new LocalDate(2026, 10, 1), 0m, 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, perMinute, BillingIncrement.PerMinute)], new PerCallRounding(6)),
        ])).Value;
}
