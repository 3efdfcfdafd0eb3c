using System.Net;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>A webhook route's day adds up: every delivery accepted or rejected, every component of every accepted event in exactly one
/// class (billed, duplicate, conflicting, held, unattributed, unpriced, not charged), counted through the local host on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class IngestConservationTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Counters_AMixedDayOnTheEventsRoute_AccountForEveryDeliveryAndComponentExactly()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("conserve"), "Conserve", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
        ]);
        var account = new Account(CloseDriver.UniqueId("conserve"), "Conserve Co", plan.Id, new BillingProfile("UTC", 1, "USD"));
        var (held, unheld) = (CloseDriver.UniqueNumber("719"), CloseDriver.UniqueNumber("719"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(held, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var now = SystemClock.Instance.GetCurrentInstant();
        var before = await EventsCountsAsync();

        // Five events, six components: billed; no account holds the number; ten years long; outbound, which the plan does not price;
        // telephony billed with AI voice minutes split off that the plan has no rate for.
        var batch = $$"""
            {"events":[{{Event("billed", held, now)}},{{Event("nobody", unheld, now)}},{{Event("decade", held, now, seconds: 315_360_000)}},
            {{Event("outbound", held, now, direction: "outbound")}},
            {{Event("split", held, now, extra: ""","components":[{"component":"AiVoice","durationSeconds":60}]""")}}]}
            """;
        (await PostAsync(batch)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await host.Host.Services.WaitForUsageAsync(account.Id, account.Billing.PeriodContaining(now), 2); // the conflict below must find it billed
        (await PostAsync(batch)).StatusCode.ShouldBe(HttpStatusCode.OK); // the vendor's retry
        (await PostAsync($$"""{"events":[{{Event("billed", held, now, seconds: 600)}}]}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(batch, secret: "forged")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync("""{"events":[{"id":"no-start"}]}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var day = await EventsRoute.WaitForAsync(async () => (await EventsCountsAsync()).Minus(before), d => d.Components == 13 && d.UnaccountedComponents == 0);

        day.ShouldBe(new IngestCounts(
            Received: 5, Accepted: 3, Rejected: 2, Queued: 11, Components: 13, Quarantined: 7,
            Rated: 2, Duplicates: 2, Conflicting: 1, Held: 2, Unattributed: 2, Unpriced: 2, NotCharged: 2));
        (day.UnaccountedDeliveries, day.UnaccountedComponents).ShouldBe((0L, 0L));
    }

    private string Event(string id, string number, Instant now, int seconds = 60, string direction = "inbound", string extra = "")
    {
        var (from, to) = direction == "inbound" ? ("+13035550611", number) : (number, "+13035550611");
        var start = now - Duration.FromHours(1);
        return $$"""{"id":"{{id}}-{{run}}","startedAt":"{{start}}","durationSeconds":{{seconds}},"direction":"{{direction}}","from":"{{from}}","to":"{{to}}","component":"Telephony"{{extra}}}""";
    }

    private Task<IngestCounts> EventsCountsAsync() => EventsRoute.CountsAsync(host);

    private Task<HttpResponseMessage> PostAsync(string body, string? secret = null) => EventsRoute.PostAsync(host, body, secret);
}
