using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Retell;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Calls attributed by the vendor's agent id through the local host: a mapped agent bills its account; an unmapped one waits in quarantine until a mapping is added and the quarantine replayed.</summary>
[Collection(AzuriteCollection.Name)]
public class AgentAttributionTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("agent-plan", "Agents", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.10m, BillingIncrement.PerMinute)],
            new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task RetellCall_AgentMappedToAccount_IsBilledToThatAccount()
    {
        var (account, period, day) = await SeedAccountAsync(Cycles.CloseDriver.UniqueId("agent-mapped"));
        var agent = Cycles.CloseDriver.UniqueId("agent_mapped");
        var call = Cycles.CloseDriver.UniqueId("agent-mapped-call");
        await host.Api.AssignAgentAsync(new AgentAssignment(RetellWebhook.Source, agent, account.Id, new LocalDate(2025, 1, 1)), CancellationToken.None);

        using var response = await PostRetellAsync(call, agent, day);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = (await WaitForAsync(() => LedgerAsync(account.Id, period), usage => usage.Count == 1)).ShouldHaveSingleItem();
        rated.Event.EventId.ShouldBe($"retell-{call}");
        rated.Charge.Amount.ShouldBe(new Money(0.20m, "USD")); // 61 s → 2 min × 0.10
    }

    [Fact]
    public async Task RetellCall_AgentUnmapped_WaitsInQuarantineAndReplayBillsItOnceMapped()
    {
        var (account, period, day) = await SeedAccountAsync(Cycles.CloseDriver.UniqueId("agent-late"));
        var agent = Cycles.CloseDriver.UniqueId("agent_late");
        var call = Cycles.CloseDriver.UniqueId("agent-late-call");
        var quarantine = host.Host.Services.GetRequiredService<IQuarantine>();

        using var response = await PostRetellAsync(call, agent, day);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var waiting = await WaitForAsync(() => quarantine.ListAsync(RetellWebhook.Source, CancellationToken.None), q => q.Any(r => r.Reference == $"retell-{call}"));
        waiting.Single(r => r.Reference == $"retell-{call}").Problem.Reason.ShouldContain(agent);

        await host.Api.AssignAgentAsync(new AgentAssignment(RetellWebhook.Source, agent, account.Id, new LocalDate(2025, 1, 1)), CancellationToken.None);
        using var replay = await SendAsync(HttpMethod.Post, $"api/quarantine/{RetellWebhook.Source}/replay?reference=retell-{call}");

        // Scoped to this call: the other retell records on the shared Azurite are not replayed, so the summary is this call's alone.
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<ReplaySummary>(BillingJson.Options)).ShouldBe(new ReplaySummary(1, 0, 0, 0));
        (await LedgerAsync(account.Id, period)).ShouldHaveSingleItem().Event.EventId.ShouldBe($"retell-{call}");
        (await quarantine.ListAsync(RetellWebhook.Source, CancellationToken.None)).ShouldNotContain(r => r.Reference == $"retell-{call}");
    }

    [Fact]
    public async Task ListAgents_AfterAssignment_ReturnsIt()
    {
        var (account, _, _) = await SeedAccountAsync(Cycles.CloseDriver.UniqueId("agent-listed"));
        var agent = Cycles.CloseDriver.UniqueId("asst_listed");
        await host.Api.AssignAgentAsync(new AgentAssignment("vapi", agent, account.Id, new LocalDate(2026, 1, 1)), CancellationToken.None);

        using var response = await SendAsync(HttpMethod.Get, $"api/accounts/{account.Id}/agents");

        var agents = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").Deserialize<List<AgentAssignment>>(BillingJson.Options);
        agents.ShouldHaveSingleItem().ShouldBe(new AgentAssignment("vapi", agent, account.Id, new LocalDate(2026, 1, 1)));
    }

    [Theory]
    [InlineData("agent-nobody", "retell", """{"from":"2026-01-01"}""", HttpStatusCode.NotFound)]
    [InlineData("agent-checked", "Retell", """{"from":"2026-01-01"}""", HttpStatusCode.BadRequest)]
    [InlineData("agent-checked", "retell", """{"from":"2026-02-01","until":"2026-01-01"}""", HttpStatusCode.BadRequest)]
    public async Task PutAgent_UnknownAccountOrBadAssignment_IsRefused(string accountId, string vendor, string body, HttpStatusCode expected)
    {
        await SeedAccountAsync("agent-checked");
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/accounts/{accountId}/agents/{vendor}/agent_x") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.ApiKey);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
    }

    /// <summary>An account holding no number, and an instant in its last ended period.</summary>
    private async Task<(Account Account, BillingPeriod Period, Instant Day)> SeedAccountAsync(string accountId)
    {
        var account = new Account(accountId, accountId, Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        return (account, period, period.Start.PlusDays(2).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(15)));
    }

    private Task<HttpResponseMessage> PostRetellAsync(string callId, string agentId, Instant startedAt)
    {
        // The called number is held by no account: only the agent can attribute the call.
        var body = $$"""{"event":"call_ended","call":{"call_id":"{{callId}}","agent_id":"{{agentId}}","direction":"inbound","from_number":"+13035550011","to_number":"+17205550999","call_status":"ended","start_timestamp":{{startedAt.ToUnixTimeMilliseconds()}},"call_cost":{"combined_cost":5,"total_duration_seconds":61} } }""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/retell") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(RetellWebhook.SignatureHeader, RetellWebhook.Sign(host.RetellKey, bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return host.Http.SendAsync(request);
    }

    private Task<IReadOnlyList<RatedUsage>> LedgerAsync(string accountId, BillingPeriod period) =>
        host.Host.Services.GetRequiredService<IUsageLedger>().ListAsync(accountId, period, CancellationToken.None);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        return host.Http.SendAsync(request);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                done(value).ShouldBeTrue();
                return value;
            }

            await Task.Delay(200);
        }
    }
}
