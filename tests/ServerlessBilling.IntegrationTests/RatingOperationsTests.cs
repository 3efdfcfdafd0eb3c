using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Fixing a plan after the fact: unpriced calls wait in quarantine, the open period is re-rated, quarantine is replayed, and a closed period's re-rating leaves its invoice as issued.</summary>
[Collection(AzuriteCollection.Name)]
public class RatingOperationsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    /// <summary>This test's own ids (account, plan, call sids): calls are billed once across every run on one Azurite, and a
    /// plan or account id another run wrote would carry its state over.</summary>
    private readonly string unique = Guid.NewGuid().ToString("N")[..12];

    private PricePlan Plan(params UsageRate[] rates) => new($"ops-plan-{unique}", "Ops", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, rates, new PerCallRounding(6))]);

    private static readonly UsageRate Inbound = new(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute);

    [Fact]
    public async Task PlanCorrection_RerateReplayAndFreeze()
    {
        var account = new Account($"ops-{unique}", "Ops Co", $"ops-plan-{unique}", new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan(Inbound), CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        // This test's own number: a number is held by one account at a time, and other tests assign theirs.
        var number = Cycles.CloseDriver.UniqueNumber("720");
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var day = period.Start.PlusDays(2);

        // Inbound 90 s → 2 min × 0.01 = 0.02; outbound has no rate yet: quarantined.
        (await PostAsync(Callback($"CA{unique}1", "inbound", "+13035550100", number, 90, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(Callback($"CA{unique}2", "outbound-api", number, "+13035550101", 30, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitAsync(async () => (await host.Host.Services.GetRequiredService<IQuarantine>().ListAsync("twilio", CancellationToken.None))
            .Any(q => q.Reference == $"twilio-CA{unique}2"));
        await WaitAsync(async () => (await host.Host.Services.GetRequiredService<IUsageLedger>().ListAsync(account.Id, period, CancellationToken.None)).Count == 1);

        // The plan is corrected: inbound now 0.03/min, outbound added at 0.06/min per second.
        await host.Api.PutPlanAsync(Plan(Inbound with { PerMinute = 0.03m },
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.06m, BillingIncrement.PerSecond)), CancellationToken.None);

        using var rerate = await SendAsync(HttpMethod.Post, $"api/accounts/{account.Id}/periods/{period.Key}/rerate");
        var outcome = (await rerate.Content.ReadFromJsonAsync<RerateOutcome>(BillingJson.Options))!;
        (outcome.Calls, outcome.Changed, outcome.Difference).ShouldBe((1, 1, 0.04m)); // 0.02 → 0.06

        using var all = await SendAsync(HttpMethod.Post, $"api/periods/{day:yyyy-MM-dd}/rerate");
        var mine = (await all.Content.ReadFromJsonAsync<List<AccountRerate>>(BillingJson.Options))!.Single(r => r.AccountId == account.Id);
        (mine.PeriodStart, mine.Outcome.Calls, mine.Outcome.Changed).ShouldBe((period.Key, 1, 0)); // already re-rated above

        // Scoped to this test's record (other runs' twilio records on the shared Azurite are left alone), so the counts are exact;
        // a reference with no record is skipped.
        using var replay = await SendAsync(HttpMethod.Post, $"api/quarantine/twilio/replay?reference=twilio-CA{unique}2&reference=twilio-CA{unique}9");
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<ReplaySummary>(BillingJson.Options)).ShouldBe(new ReplaySummary(1, 0, 0, 0));
        using var again = await SendAsync(HttpMethod.Post, $"api/quarantine/twilio/replay?reference=twilio-CA{unique}2");
        (await again.Content.ReadFromJsonAsync<ReplaySummary>(BillingJson.Options)).ShouldBe(new ReplaySummary(0, 0, 0, 0));
        using var blank = await SendAsync(HttpMethod.Post, "api/quarantine/twilio/replay?reference=");
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var refusal = JsonDocument.Parse(await blank.Content.ReadAsStringAsync());
        refusal.RootElement.GetProperty("errors").GetProperty("reference")[0].GetString().ShouldBe("is blank");
        (await host.Host.Services.GetRequiredService<IQuarantine>().ListAsync("twilio", CancellationToken.None))
            .ShouldNotContain(q => q.Reference == $"twilio-CA{unique}2");
        (await host.Host.Services.GetRequiredService<IUsageLedger>().ListAsync(account.Id, period, CancellationToken.None)).Count.ShouldBe(2);

        using var margin = await SendAsync(HttpMethod.Get, $"api/accounts/{account.Id}/periods/{period.Key}/margin");
        using var report = JsonDocument.Parse(await margin.Content.ReadAsStringAsync());
        var total = report.RootElement.GetProperty("total");
        total.GetProperty("calls").GetInt32().ShouldBe(2);
        total.GetProperty("price").GetDecimal().ShouldBe(0.09m); // 0.06 inbound + 30 s × 0.001 outbound

        await host.Api.StartCloseAsync(new CycleRequest(account.Id, period.Key), CancellationToken.None);
        var invoice = await host.Api.WaitForCloseAsync(new CycleRequest(account.Id, period.Key), TimeSpan.FromMinutes(1), CancellationToken.None);
        invoice.Total.ShouldBe(10.09m);
        // Closed and final: nothing changed since the close, so there is nothing to settle on the next invoice.
        using var closed = await SendAsync(HttpMethod.Post, $"api/accounts/{account.Id}/periods/{period.Key}/rerate");
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await closed.Content.ReadFromJsonAsync<RerateOutcome>(BillingJson.Options))!.Settlement.ShouldBe(new ClosedPeriodSettlement(0m, null, null));
    }

    private static List<KeyValuePair<string, string>> Callback(string sid, string direction, string from, string to, int seconds, LocalDate day) =>
    [
        new("CallSid", sid), new("CallStatus", "completed"), new("CallDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Direction", direction), new("From", from), new("To", to),
        new("Timestamp", day.At(new LocalTime(12, 0)).InUtc().ToDateTimeOffset().ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private Task<HttpResponseMessage> PostAsync(IReadOnlyList<KeyValuePair<string, string>> form) =>
        host.Api.PostTwilioCallbackAsync(form, host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        return host.Http.SendAsync(request);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "waited 30 s");
            await Task.Delay(200);
        }
    }
}
