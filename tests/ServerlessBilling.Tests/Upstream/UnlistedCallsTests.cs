using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

public class UnlistedCallsTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 3, 14, 5);

    [Fact]
    public void Find_BilledCallsTheStatementDoesNotList_AreEachAFindingForWhatTheCustomerWasBilled()
    {
        var retell = new UsageEvent("retell-c2", "retell", "c2", Start, 30, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.AiVoice, true,
            OtherComponents: [new ComponentUsage(UsageComponent.Telephony, 30)]);
        var parts = retell.ByComponent().ToList();
        RatedUsage[] billed =
        [
            Billed(parts[0], 0.075m),
            Billed(parts[1], 0.02m),
            Billed(new UsageEvent("retell-c1", "retell", "c1", Start, 60, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.AiVoice, true), 0.15m),
            Billed(new UsageEvent("retell-c3", "retell", "c3", Start, 0, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.AiVoice, false), 0m),
        ];

        var (findings, totals) = UnlistedCalls.Find(billed, new HashSet<string> { "retell-c1" }, "the retell statement of 2026-11");

        findings.Select(f => (f.VendorCallId, f.Kind, f.Reason, f.Amount, f.VendorCharge, f.Billed, f.AccountId)).ShouldBe(
        [
            ("c2", FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.075m, 0m, (decimal?)0.075m, "acme"),
            ("c2/telephony", FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.02m, 0m, (decimal?)0.02m, "acme"),
        ]);
        findings[1].Detail.ShouldBe("billed Telephony of a call at 2026-11-03T14:05:00Z in period 2026-11-01, absent from the retell statement of 2026-11");
        totals.ShouldBe(StatementTotals.Empty with { ByReason = totals.ByReason });
        totals.Of(FindingReason.NotOnStatement).ShouldBe(new FindingTotal(2, 0.095m));
        ReconciliationSummary.Completed(new StatementRun("retell", "2026-11", StatementFormat.RetellCalls, "r"), "USD", totals, null, 5m)
            .BilledNotCharged.ShouldBe(new FindingTotal(2, 0.095m));
    }

    [Fact]
    public void Find_EveryCallListed_FindsNothing()
    {
        var (findings, totals) = UnlistedCalls.Find(
            [Billed(new UsageEvent("twilio-CA1", "twilio", "CA1", Start, 61, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true), 0.04m)],
            new HashSet<string> { "twilio-CA1" },
            "the twilio statement of 2026-11");

        findings.ShouldBeEmpty();
        totals.ByReason.ShouldBeEmpty();
    }

    private static RatedUsage Billed(UsageEvent usage, decimal price) =>
        new(usage, "acme", "2026-11-01", new Charge(usage.DurationSeconds, new Money(price, "USD"), 0.15m, "sell", "2026-01-01"));
}
