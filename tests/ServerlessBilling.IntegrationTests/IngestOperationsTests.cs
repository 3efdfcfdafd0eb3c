using System.Net;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Commands;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Counters and the quarantine verbs through the local host: a mixed batch is counted where it went, and the verbs call the same routes.</summary>
/// <remarks>The account and numbers are new each run: on an Azurite kept from an earlier run, a number that run assigned would bill the
/// call this one expects to find unattributed.</remarks>
[Collection(AzuriteCollection.Name)]
public class IngestOperationsTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly string heldNumber = CloseDriver.UniqueNumber("720");
    private readonly string unheldNumber = CloseDriver.UniqueNumber("720");

    private static readonly PricePlan Plan = new("ops-counters-plan", "Counters", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)],
            new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private static string Today => SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", null);

    private static string Yesterday => SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(-1).ToString("yyyy-MM-dd", null);

    [Fact]
    public async Task Counters_MixedBatchResentAndForged_CountEachOutcomeAndTheVerbsShowIt()
    {
        var account = new Account(CloseDriver.UniqueId("ops-counters"), "Counters Co", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(heldNumber, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var before = await EventsCountsAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"events":[{{Event($"{run}-1", heldNumber)}},{{Event($"{run}-2", heldNumber)}},{{Event($"{run}-3", unheldNumber)}}]}""";

        (await PostEventsAsync(body, host.EventsSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostEventsAsync(body, host.EventsSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostEventsAsync(body, "forged")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var expected = new IngestCounts(Received: 3, Accepted: 2, Rejected: 1, Queued: 6, Quarantined: 2, Rated: 2, Duplicates: 2);
        var delta = await EventsRoute.WaitForAsync(async () => Minus(await EventsCountsAsync(), before), d => d.Rated + d.Duplicates + d.Quarantined >= 6);
        delta.ShouldBe(expected);

        var counters = new StringWriter();
        (await CountersCommand.RunAsync(host.Api, new CommandOptions(["counters", "--source", "events", "--from", Yesterday]), counters, CancellationToken.None)).ShouldBe(0);
        counters.ToString().ShouldContain("Total      events");

        var list = new StringWriter();
        await QuarantineCommand.RunAsync(host.Api, ["list", "events"], list, CancellationToken.None);
        list.ToString().ShouldContain($"events-{run}-3");

        await host.Api.AssignNumberAsync(new NumberAssignment(unheldNumber, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var replay = new StringWriter();
        await QuarantineCommand.RunAsync(host.Api, ["replay", "events", "--reference", $"events-{run}-3"], replay, CancellationToken.None);
        // Scoped to this test's record, so other tests' records in the events quarantine are neither billed nor counted.
        replay.ToString().ShouldBe($"events: 1 billed, 0 still quarantined, 0 not events (fix the file and drop it again).{Environment.NewLine}");
        (await host.Api.ListQuarantineAsync("events", CancellationToken.None)).ShouldNotContain(r => r.Reference == $"events-{run}-3");
        var after = await EventsCountsAsync();
        Minus(after, before).ShouldBe(expected with { Rated = 3 });
        (after.Released - before.Released).ShouldBe(1);
    }

    [Fact]
    public async Task CountersVerb_Json_PrintsOnlyTheReportOnStdout()
    {
        var run = await LocalHostProcess.RunAsync(
            ["counters", "--source", "events", "--from", Yesterday, "--to", Today, "--json", "--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey]);

        run.ExitCode.ShouldBe(0, run.Errors);
        var report = JsonDocument.Parse(run.Output).RootElement;
        (report.GetProperty("source").GetString(), report.GetProperty("from").GetString(), report.GetProperty("to").GetString()).ShouldBe(("events", Yesterday, Today));
        report.GetProperty("days").EnumerateArray().ShouldAllBe(d => d.GetProperty("source").GetString() == "events");
        report.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("source").GetString()).ShouldBeSubsetOf(["events"]);
    }

    [Fact]
    public async Task Counters_BadDate_Is400NamingTheParameter()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/ingest/counters?from=yesterday");
        request.Headers.Add("x-functions-key", host.ApiKey);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"from\"");
    }

    private static string Event(string id, string to) =>
        $$"""{"id":"{{id}}","startedAt":"{{SystemClock.Instance.GetCurrentInstant().Minus(Duration.FromHours(1))}}","durationSeconds":60,"direction":"inbound","from":"+13035550611","to":"{{to}}","component":"Telephony"}""";

    private Task<IngestCounts> EventsCountsAsync() => EventsRoute.CountsAsync(host, daysBack: 1);

    private static IngestCounts Minus(IngestCounts after, IngestCounts before) => new(
        after.Received - before.Received, after.Accepted - before.Accepted, after.Ignored - before.Ignored, after.Rejected - before.Rejected,
        after.Queued - before.Queued, after.Quarantined - before.Quarantined, after.Rated - before.Rated, after.Duplicates - before.Duplicates);

    private Task<HttpResponseMessage> PostEventsAsync(string body, string secret) => EventsRoute.PostAsync(host, body, secret);
}
