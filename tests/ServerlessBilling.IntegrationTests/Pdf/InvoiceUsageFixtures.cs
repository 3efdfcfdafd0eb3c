using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>Rated calls for the invoice documents' tests: per number, connected calls of 125 s billed as 180 s at 0.02/min
/// (0.06 each) and unanswered attempts charged 0.004 each, below a cent.</summary>
internal static class InvoiceUsageFixtures
{
    public static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 15), 1);

    public static readonly PricePlan Plan = new("voice", "Voice", "USD", [new PlanVersion(new LocalDate(2026, 1, 1), 49m, 0m, [], new PerCallRounding())]);

    public static Account Account(string id, string name, string zone, bool itemized) =>
        new(id, name, Plan.Id, new BillingProfile(zone, 1, "USD") { ItemizedCalls = itemized });

    /// <summary><paramref name="connected"/> calls and <paramref name="attempts"/> attempts from each number, a call every 30 minutes from 2026-10-05 15:00Z.</summary>
    public static IReadOnlyList<RatedUsage> Calls(string accountId, IReadOnlyList<string> numbers, int connected, int attempts)
    {
        var calls = new List<RatedUsage>();
        var start = Instant.FromUtc(2026, 10, 5, 15, 0);
        foreach (var number in numbers)
        {
            for (var i = 0; i < connected + attempts; i++)
            {
                var answered = i < connected;
                var at = start + Duration.FromMinutes(30 * calls.Count);
                var call = new UsageEvent($"{accountId}-{calls.Count:0000}", "test", $"c{calls.Count}", at, answered ? 125 : 0, CallDirection.Outbound,
                    number, "+13125550142", UsageComponent.Telephony, answered);
                calls.Add(new RatedUsage(call, accountId, October.Key,
                    new Charge(answered ? 180 : 0, new Money(answered ? 0.06m : 0.004m, "USD"), 0.02m, Plan.Id, "2026-01-01")));
            }
        }

        return calls;
    }
}
