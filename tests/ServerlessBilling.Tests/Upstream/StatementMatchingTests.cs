using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

public class StatementMatchingTests
{
    [Fact]
    public void Compare_ChargedCallsNoCustomerWasBilledFor_AreLeakageByReasonWithTheirCharge()
    {
        StatementLine[] lines = [Line(1, "CA1", 0.017m), Line(2, "CA2", 0.1m), Line(3, "CA3", 0.0085m), Line(4, "CA4", 0m, connected: false)];
        CallMatch[] matches =
        [
            new(null, Held(new RecordProblem("to", "no account holds +14155230199 at 2026-11-06T12:00:00Z"))),
            new(null, Held(new RecordProblem("to", "no rate for Telephony Outbound call to +861012345678"))),
            CallMatch.None,
            CallMatch.None,
        ];

        var (findings, totals) = StatementMatching.Compare(lines, matches, 0.0001m);

        findings.Select(f => (f.VendorCallId, f.Kind, f.Reason, f.Amount)).ShouldBe(
        [
            ("CA1", FindingKind.Leakage, FindingReason.Unattributed, 0.017m),
            ("CA2", FindingKind.Leakage, FindingReason.Quarantined, 0.1m),
            ("CA3", FindingKind.Leakage, FindingReason.Missing, 0.0085m),
        ]);
        (totals.Rows, totals.VendorTotal, totals.BilledTotal).ShouldBe((4, 0.1255m, 0m));
        totals.Of(FindingReason.Unattributed, FindingReason.Quarantined, FindingReason.Missing).ShouldBe(new FindingTotal(3, 0.1255m));
    }

    [Theory]
    [InlineData(61, "0.00935", FindingReason.Increment)] // 66 s at 0.0085: the vendor now bills 6-second increments
    [InlineData(61, "0.0200", FindingReason.RateRow)] // 120 s at 0.01
    [InlineData(61, "0.0170", null)]
    [InlineData(61, "0.01705", null)] // within the tolerance
    public void Compare_BilledCallChargedOtherwiseThanExpected_IsACostDifferenceWithItsCause(int seconds, string charged, FindingReason? cause)
    {
        var charge = decimal.Parse(charged, System.Globalization.CultureInfo.InvariantCulture);
        var expected = new ExpectedCost(new Money(0.017m, "USD"), "cost-twilio-voice", "2026-10-01", "Telephony Inbound Local", 120, 0.0085m);

        var (findings, totals) = StatementMatching.Compare([Line(1, "CA1", charge, seconds)], [new(Billed(0.04m, expected), null)], 0.0001m);

        findings.Select(f => f.Reason).ShouldBe(cause is { } c ? [c] : []);
        if (cause is not null)
        {
            findings[0].Amount.ShouldBe(charge - 0.017m);
        }

        (totals.ExpectedTotal, totals.BilledTotal).ShouldBe((0.017m, 0.04m));
    }

    [Fact]
    public void Compare_BilledCallWithoutACostPlanRow_IsAMissingRow_AndOneTheVendorFailed_IsBilledNotCharged()
    {
        var (findings, _) = StatementMatching.Compare(
            [Line(1, "CA1", 0.02m), Line(2, "CA2", 0m, connected: false)],
            [new(Billed(0.04m, null), null), new(Billed(0.02m, null), null)],
            0.0001m);

        findings.Select(f => (f.VendorCallId, f.Kind, f.Reason, f.Amount)).ShouldBe(
        [
            ("CA1", FindingKind.CostDifference, FindingReason.MissingRow, 0.02m),
            ("CA2", FindingKind.BilledNotCharged, FindingReason.NotCharged, 0.02m),
        ]);
    }

    [Fact]
    public void Compare_UnreadableLine_IsAFindingAndCountsAsARow()
    {
        var (findings, totals) = StatementMatching.Compare([StatementLine.Bad(7, "price", "'x' is not a decimal amount")], [], 0.0001m);

        findings.ShouldHaveSingleItem().ShouldBe(new ReconciliationFinding("line 7", FindingKind.Unreadable, FindingReason.Unreadable, 0m, 0m, null, null, null, "price: 'x' is not a decimal amount"));
        totals.Rows.ShouldBe(1);
    }

    [Fact]
    public void Compare_RetellRowCoveringTheAiEngineAndItsTelephony_IsComparedWithBothComponentsBilled()
    {
        var call = new UsageEvent("retell-c1", "retell", "c1", Instant.FromUtc(2026, 11, 3, 14, 5), 60, CallDirection.Inbound, "+13035550900", "+14155230101",
            UsageComponent.AiVoice, true, OtherComponents: [new ComponentUsage(UsageComponent.Telephony, 60)]);
        var parts = call.ByComponent().ToList();
        var ai = new RatedUsage(parts[0], "acme", "2026-11-01", new Charge(60, new Money(0.15m, "USD"), 0.15m, "sell", "2026-01-01")
        {
            ExpectedCost = new ExpectedCost(new Money(0.076m, "USD"), "cost-retell-voice-agent", "2026-10-01", "AiVoice", 60, 0.076m),
        });
        var telephony = new RatedUsage(parts[1], "acme", "2026-11-01", new Charge(60, new Money(0.02m, "USD"), 0.02m, "sell", "2026-01-01")
        {
            ExpectedCost = new ExpectedCost(new Money(0.015m, "USD"), "cost-retell-voice-agent", "2026-10-01", "Telephony", 60, 0.015m),
        });
        StatementLine[] lines =
        [
            new(1, new StatementRow("c1", "retell-c1", UsageComponent.AiVoice, call.StartedAt, 60, "ended", true, new Money(0.091m, "USD"), [UsageComponent.Telephony]), null),
            new(2, new StatementRow("c1", "retell-c1", UsageComponent.AiVoice, call.StartedAt, 66, "ended", true, new Money(0.1001m, "USD"), [UsageComponent.Telephony]), null),
        ];

        var (findings, totals) = StatementMatching.Compare(lines, [new(ai, null, AlsoBilled: [telephony]), new(ai, null, AlsoBilled: [telephony])], 0.0001m);

        (totals.VendorTotal, totals.ExpectedTotal, totals.BilledTotal).ShouldBe((0.1911m, 0.182m, 0.34m));
        findings.ShouldHaveSingleItem().ShouldBe(new ReconciliationFinding("c1", FindingKind.CostDifference, FindingReason.Increment, 0.0091m, 0.1001m, 0.091m, 0.17m, "acme",
            "the vendor billed 66 s of a 66 s call where the cost plan's increment gives 60 s (AiVoice + Telephony)"));
    }

    private static StatementLine Line(long number, string sid, decimal charge, int seconds = 60, bool connected = true) =>
        new(number, new StatementRow(sid, $"twilio-{sid}", UsageComponent.Telephony, Instant.FromUtc(2026, 11, 3, 14, 5), seconds,
            connected ? "completed" : "failed", connected, new Money(charge, "USD")), null);

    private static QuarantinedRecord Held(RecordProblem problem) => new("twilio", "twilio-CA", problem, "");

    private static RatedUsage Billed(decimal price, ExpectedCost? expected) =>
        new(new UsageEvent("twilio-CA1", "twilio", "CA1", Instant.FromUtc(2026, 11, 3, 14, 5), 61, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true),
            "acme", "2026-11-01", new Charge(120, new Money(price, "USD"), 0.02m, "sell", "2026-01-01") { ExpectedCost = expected });
}
