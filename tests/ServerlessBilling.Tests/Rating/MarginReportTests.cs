using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

public class MarginReportTests
{
    private static RatedUsage Call(string id, string source, UsageComponent component, decimal price, decimal? cost) =>
        new(new UsageEvent(id, source, id, Instant.FromUtc(2026, 11, 2, 12, 0), 60, CallDirection.Outbound, "+12125550100", "+14155550100",
                component, true, cost is { } c ? new Money(c, "USD") : null),
            "acme", "2026-11-01", new Charge(60, new Money(price, "USD"), price, "p", "2026-01-01"));

    [Fact]
    public void Build_GroupsByComponentAndVendor_AndListsLossMakingCalls()
    {
        var report = MarginReport.Build(
        [
            Call("r1", "retell", UsageComponent.AiVoice, 0.12m, 0.07m),
            Call("r2", "retell", UsageComponent.AiVoice, 0.05m, 0.07m),
            Call("t1", "twilio", UsageComponent.Telephony, 0.02m, 0.014m),
            Call("a1", "asterisk", UsageComponent.Telephony, 0.02m, null),
        ], "USD");

        report.Lines.Select(l => (l.Label, l.Calls, l.Price, l.Cost, l.Margin, l.CallsWithoutCost)).ShouldBe(
        [
            ("Telephony via asterisk", 1, 0.02m, 0m, 0m, 1),
            ("Telephony via twilio", 1, 0.02m, 0.014m, 0.006m, 0),
            ("AiVoice via retell", 2, 0.17m, 0.14m, 0.03m, 0),
        ]);
        report.Total.Margin.ShouldBe(0.036m);
        report.LossMaking.ShouldHaveSingleItem().EventId.ShouldBe("r2");
    }
}
