using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Exactly once through the local host on Azurite: an event id is billed once whatever account or month a delivery names,
/// ids cannot reach each other's components, absurd calls are held for a person, and every line of a CDR file is accounted for.</summary>
[Collection(AzuriteCollection.Name)]
public class EventIdentityTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("identity-plan", "Identity", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.10m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task EventsRoute_SameIdInAnotherMonthAndNamingAnotherAccount_IsBilledOnceAndBothAreHeldAsConflicts()
    {
        var (acme, acmeNumber) = await SeedAsync("acme");
        var (zeta, _) = await SeedAsync("zeta");
        var (previous, current) = Periods();
        var first = previous.Start.PlusDays(3).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(10).ToInstant();
        var thisMonth = current.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(); // another month, never in the future
        await PostEventsAsync(Event($"e1-{run}", acmeNumber, first));
        await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1); // deliveries are rated concurrently: this one first

        await PostEventsAsync(Event($"e1-{run}", acmeNumber, thisMonth));
        await PostEventsAsync(Event($"e1-{run}", acmeNumber, first, account: zeta.Id));

        var conflicts = await host.Host.Services.WaitForQuarantineAsync("events", $"events-e1-{run}", 2);
        conflicts.Select(c => c.Problem.Field).ShouldBe(["startedAt", "accountId"], ignoreOrder: true);
        conflicts.ShouldAllBe(c => c.Kind == QuarantineKind.Conflict);
        var billed = (await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1)).ShouldHaveSingleItem();
        billed.Event.StartedAt.ShouldBe(first);
        (await host.Host.Services.WaitForUsageAsync(acme.Id, current, 0)).ShouldBeEmpty();
        (await host.Host.Services.WaitForUsageAsync(zeta.Id, previous, 0)).ShouldBeEmpty();

        var listed = await host.Api.ListQuarantineAsync("events", CancellationToken.None);
        var held = EventConflict.TryRead(listed.Single(r => r.Problem.Field == "accountId")).ShouldNotBeNull();
        (held.Billed.AccountId, held.DeliveredAccountId).ShouldBe((acme.Id, zeta.Id));
        held.Differences.ShouldBe(["accountId"]);
    }

    [Fact]
    public async Task EventsRoute_ConflictReplacedByAPerson_VoidsTheBilledVersionAndBillsTheOther()
    {
        var (acme, number) = await SeedAsync("acme");
        var (previous, _) = Periods();
        var start = previous.Start.PlusDays(5).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(9).ToInstant();
        await PostEventsAsync(Event($"r1-{run}", number, start, seconds: 60));
        await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1);
        await PostEventsAsync(Event($"r1-{run}", number, start, seconds: 600));
        var conflict = (await host.Host.Services.WaitForQuarantineAsync("events", $"events-r1-{run}", 1)).Single();

        var resolved = await host.Api.ResolveQuarantineAsync("events", new HoldDecision(conflict.Reference, HoldAction.Replace), CancellationToken.None);

        resolved.Outcome.ShouldBe(EventOutcome.Recorded);
        var row = (await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1)).Single();
        (row.Event.DurationSeconds, row.Charge.Amount).ShouldBe((600, new Money(0.10m, "USD")));
        (await host.Api.ListQuarantineAsync("events", CancellationToken.None)).ShouldNotContain(r => r.Reference == conflict.Reference);
    }

    [Fact]
    public async Task EventsRoute_ComponentOfOneCallAndACallWhoseIdSpellsIt_AreBothBilled()
    {
        var (acme, number) = await SeedAsync("acme");
        var (previous, _) = Periods();
        var start = previous.Start.PlusDays(2).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(8).ToInstant();
        var withTelephony = Event($"comp-{run}", number, start, component: "AiVoice", extra: ""","components":[{"component":"Telephony","durationSeconds":60}]""");

        await PostEventsAsync(withTelephony);
        await PostEventsAsync(Event($"comp-{run}-telephony", number, start));

        var usage = await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 3);
        usage.Select(u => u.Event.Identity).ShouldBe(
        [
            new EventIdentity($"events-comp-{run}", UsageComponent.AiVoice),
            new EventIdentity($"events-comp-{run}", UsageComponent.Telephony),
            new EventIdentity($"events-comp-{run}-telephony", UsageComponent.Telephony),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task TenYearCalls_AreHeldNamingTheLimit_AndBilledOnlyOnceAPersonAccepts()
    {
        var (acme, number) = await SeedAsync("acme");
        var (_, current) = Periods();
        var now = SystemClock.Instance.GetCurrentInstant();
        var sid = $"CA{run}";
        await PostEventsAsync(Event($"long-{run}", number, now - Duration.FromHours(6), seconds: 315_360_000));
        await PostEventsAsync(Event($"conference-{run}", number, now - Duration.FromHours(6), seconds: 5 * 3_600));
        using var callback = await PostTwilioAsync(sid, number, now - Duration.FromSeconds(315_360_000) - Duration.FromHours(1), seconds: 315_360_000);

        var heldEvents = await host.Host.Services.WaitForQuarantineAsync("events", run, 2);
        var heldTwilio = (await host.Host.Services.WaitForQuarantineAsync("twilio", sid, 1)).Single();
        heldEvents.Concat([heldTwilio]).ShouldAllBe(r => r.Kind == QuarantineKind.Limit && r.Problem.Field == "maxCallMinutes");
        (await host.Host.Services.WaitForUsageAsync(acme.Id, current, 0)).ShouldBeEmpty();

        var conference = heldEvents.Single(r => r.Reference == $"events-conference-{run}");
        var accepted = await host.Api.ResolveQuarantineAsync("events", new HoldDecision(conference.Reference, HoldAction.Accept), CancellationToken.None);
        var discarded = await host.Api.ResolveQuarantineAsync("twilio", new HoldDecision(heldTwilio.Reference, HoldAction.Discard), CancellationToken.None);

        (accepted.Outcome, accepted.StillHeld, discarded.Action).ShouldBe((EventOutcome.Recorded, (RecordProblem?)null, HoldAction.Discard));
        var periodOfNow = acme.Billing.PeriodContaining(now - Duration.FromHours(6));
        (await host.Host.Services.WaitForUsageAsync(acme.Id, periodOfNow, 1)).Single().Charge.BillableSeconds.ShouldBe(5 * 3_600);
        var still = await host.Api.ListQuarantineAsync("events", CancellationToken.None);
        still.Where(r => r.Reference.Contains(run, StringComparison.Ordinal)).Select(r => r.Reference).ShouldBe([$"events-long-{run}"]);
    }

    [Fact]
    public async Task TwilioWebhookAndBulkExportAcrossAPeriodBoundary_AreOneEventBilledOnce()
    {
        var (acme, number) = await SeedAsync("acme");
        var (previous, current) = Periods();
        var boundary = current.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var sid = $"CA{run}";
        using var callback = await PostTwilioAsync(sid, number, boundary - Duration.FromSeconds(30), seconds: 61);
        await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1);
        var export = $$"""{"sid":"{{sid}}","from":"+13035550900","to":"{{number}}","status":"completed","direction":"inbound","start_time":"{{boundary + Duration.FromSeconds(2)}}","duration":"61","price":"-0.0085","price_unit":"USD"}""";
        var blob = azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient($"twilio-bulkexport/{sid}.json");

        await blob.UploadAsync(BinaryData.FromString(export));

        var status = await WaitForRatedFileAsync(blob.Name);
        (status.Queued, status.Accepted, status.Duplicates, status.Conflicting).ShouldBe((1L, 0L, 0L, 1L));
        (await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1)).Single().Event.EventId.ShouldBe($"twilio-{sid}");
        (await host.Host.Services.WaitForUsageAsync(acme.Id, current, 0)).ShouldBeEmpty();
        (await host.Host.Services.WaitForQuarantineAsync("twilio", sid, 1)).Single().Problem.Field.ShouldBe("startedAt");
    }

    [Fact]
    public async Task TwilioWebhook_SameCallSidRedeliveredWithAnotherTimestamp_IsBilledOnceAndTheOtherStartHeldAsAConflict()
    {
        var (acme, number) = await SeedAsync("acme");
        var (previous, current) = Periods();
        var sid = $"CA{run}";
        var first = previous.Start.PlusDays(3).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(10).ToInstant();
        var thisMonth = current.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(); // another month, never in the future
        using var billedCallback = await PostTwilioAsync(sid, number, first, seconds: 61);
        await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1); // deliveries are rated concurrently: this one first

        using var redelivered = await PostTwilioAsync(sid, number, thisMonth, seconds: 61);

        var conflict = (await host.Host.Services.WaitForQuarantineAsync("twilio", sid, 1)).ShouldHaveSingleItem();
        (conflict.Kind, conflict.Problem.Field).ShouldBe((QuarantineKind.Conflict, "startedAt"));
        var billed = (await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 1)).ShouldHaveSingleItem();
        (billed.Event.EventId, billed.Event.StartedAt).ShouldBe(($"twilio-{sid}", first));
        (await host.Host.Services.WaitForUsageAsync(acme.Id, current, 0)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CdrFileWithBlankLines_EveryLineReadIsInExactlyOneClass()
    {
        var (acme, number) = await SeedAsync("acme");
        var (previous, _) = Periods();
        var local = previous.Start.PlusDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Line(string id, string to, int seconds = 120) =>
            $"\"Caller\",\"+13035550004\",\"{to}\",\"public\",\"{local} 10:00:00\",\"{local} 10:00:02\",\"{local} 10:02:02\",\"{seconds + 2}\",\"{seconds}\",\"NORMAL_CLEARING\",\"{id}-{run}\",\"\", \"r42\"";
        var file = string.Join('\n',
            Line("a", number),
            "",
            Line("a", number), // the same call again
            "",
            "",
            Line("b", "+4930555799"), // no account holds the number
            "\"Broken\",\"+13035550005\"",
            Line("a", number, seconds: 90), // the same call with another duration: a conflict
            Line("c", number, seconds: 5 * 3_600), // five hours: held for the limit
            "",
            Line("d", number));
        var blob = azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient($"freeswitch/UTC/blank-{run}.csv");

        await blob.UploadAsync(BinaryData.FromString(file));

        var s = await WaitForRatedFileAsync(blob.Name);
        (s.LinesRead, s.Accepted, s.Duplicates, s.Conflicting, s.Held, s.Quarantined, s.Unattributed, s.Unpriced, s.NotCharged, s.Blank)
            .ShouldBe((11L, 2L, 1L, 1L, 1L, 1L, 1L, 0L, 0L, 4L));
        s.LinesRead.ShouldBe(s.Accepted + s.Duplicates + s.Conflicting + s.Held + s.Quarantined + s.Unattributed + s.Unpriced + s.NotCharged + s.Blank);
        (await host.Host.Services.WaitForUsageAsync(acme.Id, previous, 2)).Count.ShouldBe(2);
    }

    private async Task<(Account Account, string Number)> SeedAsync(string name)
    {
        var account = new Account($"{name}-{run}", $"{name} {run}", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var number = "+1720" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        return (account, number);
    }

    /// <summary>The last closed-over period and the current one, of a UTC account billed on the 1st.</summary>
    private static (BillingPeriod Previous, BillingPeriod Current) Periods()
    {
        var current = BillingPeriod.Containing(SystemClock.Instance.GetCurrentInstant().InUtc().Date, 1);
        return (BillingPeriod.Containing(current.Start.PlusDays(-1), 1), current);
    }

    private static string Event(string id, string to, Instant start, int seconds = 60, string component = "Telephony", string? account = null, string extra = "") =>
        $$"""{"id":"{{id}}","startedAt":"{{start}}","durationSeconds":{{seconds}},"direction":"inbound","from":"+13035550900","to":"{{to}}","component":"{{component}}"{{(account is null ? "" : $",\"accountId\":\"{account}\"")}}{{extra}}}""";

    private async Task PostEventsAsync(string oneEvent)
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"events":[{{oneEvent}}]}""");
        var (at, signature) = UsageEventsWebhook.Sign(host.EventsSecret, bytes, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/events") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(UsageEventsWebhook.TimestampHeader, at);
        request.Headers.Add(UsageEventsWebhook.SignatureHeader, signature);
        using var response = await host.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostTwilioAsync(string sid, string to, Instant start, int seconds)
    {
        var response = await host.Api.PostTwilioCallbackAsync(
        [
            new("CallSid", sid), new("CallStatus", "completed"), new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)), new("Direction", "inbound"),
            new("From", "+13035550900"), new("To", to),
            new("Timestamp", (start + Duration.FromSeconds(seconds)).ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        ], host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response;
    }

    /// <summary>The one version of a file through <c>GET api/cdr-files</c>, once it is read and rating has reported every queued event.</summary>
    private async Task<CdrFileStatus> WaitForRatedFileAsync(string blob)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            IReadOnlyList<CdrFileStatus> versions;
            try
            {
                versions = await host.Api.GetCdrFileAsync(blob, CancellationToken.None);
            }
            catch (HttpRequestException)
            {
                versions = []; // not picked up yet: 404
            }

            if (versions is [{ FinishedAt: not null, Pending: 0 }] || DateTime.UtcNow > deadline)
            {
                return versions.ShouldHaveSingleItem();
            }

            await Task.Delay(200);
        }
    }
}
