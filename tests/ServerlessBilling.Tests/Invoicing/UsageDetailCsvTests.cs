using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

public class UsageDetailCsvTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);

    // Two included minutes of inbound calling, then overage at the rate deck's 0.012 per minute.
    private static readonly PricePlan BundledPlan = TestPlans.Standard with
    {
        Versions = [TestPlans.Standard.Versions[0] with { Bundles = [new Bundle("Two minutes", 2m, [UsageComponent.Telephony], CallDirection.Inbound)] }],
    };

    private static RatedUsage Rated(UsageEvent call, string? priorPeriod = null) =>
        new(call, "acme", November.Key, Rater.Rate(call, BundledPlan, TestPlans.Acme.Billing.Zone).Value) { PriorPeriodKey = priorPeriod };

    private static string[] Rows(IReadOnlyList<RatedUsage> usage) =>
        UsageDetailCsv.Write(TestPlans.Acme, BundledPlan, November, usage).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Write_CallsAcrossTheBundle_ListsEachInStartOrderWithIncludedAndChargedSeconds()
    {
        // 2026-11-10 15:00Z is 09:00 in Chicago (CST, -06:00). 90 s → 120 s billable, the whole bundle;
        // 150 s → 180 s, none left to include, so all charged at 0.012/min = 0.036.
        var usage = new[]
        {
            Rated(TestPlans.Call("second", Instant.FromUtc(2026, 11, 10, 16, 0), 150)),
            Rated(TestPlans.Call("first", Instant.FromUtc(2026, 11, 10, 15, 0), 90)),
        };

        var rows = Rows(usage);

        rows.ShouldBe(
        [
            UsageDetailCsv.Header,
            "first,2026-11-10 09:00:00 -06:00,Inbound,Telephony,'+13125550142,'+18885550100,90,120,0.012,0,USD,120,0,,",
            "second,2026-11-10 10:00:00 -06:00,Inbound,Telephony,'+13125550142,'+18885550100,150,180,0.012,0.036,USD,0,180,,",
        ]);
    }

    [Fact]
    public void Write_LateCallOfOctober_ComesLastWithItsPeriodAndDrawsNoBundle()
    {
        var usage = new[]
        {
            Rated(TestPlans.Call("late", Instant.FromUtc(2026, 10, 31, 15, 0), 60), "2026-10-01"),
            Rated(TestPlans.Call("now", Instant.FromUtc(2026, 11, 10, 15, 0), 60)),
        };

        var rows = Rows(usage);

        rows[1].ShouldStartWith("now,");
        rows[1].ShouldEndWith(",60,0,,");
        rows[2].ShouldStartWith("late,2026-10-31 10:00:00 -05:00,");
        rows[2].ShouldEndWith(",0,60,2026-10-01,");
    }

    [Fact]
    public void WriteConsolidated_TwoLocations_ListsEachLocationsCallsUnderItsName()
    {
        var downtown = TestPlans.Acme with { Id = "acme-downtown", Name = "Downtown", ParentAccountId = "acme" };
        var parent = new LocationBill(TestPlans.Acme, BundledPlan, [], [Rated(TestPlans.Call("own", Instant.FromUtc(2026, 11, 10, 15, 0), 60))]);
        var child = new LocationBill(downtown, BundledPlan, [], [Rated(TestPlans.Call("branch", Instant.FromUtc(2026, 11, 11, 15, 0), 30))]);

        var rows = UsageDetailCsv.WriteConsolidated(November, [parent, child]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        // Each location draws its own two-minute bundle: 60 s and 30 s (billed as 60 s) are both included.
        rows.Length.ShouldBe(3);
        rows[1].ShouldStartWith("own,");
        rows[1].ShouldEndWith(",USD,60,0,,Acme Dental");
        rows[2].ShouldStartWith("branch,");
        rows[2].ShouldEndWith(",USD,60,0,,Downtown");
    }

    [Fact]
    public void Write_HostileCallerId_IsNeutralized()
    {
        var call = TestPlans.Call("evil", Instant.FromUtc(2026, 11, 10, 15, 0), 60) with { From = "=cmd|' /C calc'!A0" };

        var rows = Rows([Rated(call)]);

        rows[1].Split(',')[4].ShouldBe("'=cmd|' /C calc'!A0");
    }
}
