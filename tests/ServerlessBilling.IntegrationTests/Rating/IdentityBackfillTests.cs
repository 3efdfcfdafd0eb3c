using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Usage rows billed before identities were kept (legacy keys, no identity row) get their identities on Azurite, and a
/// redelivery of such a call naming another month is then held as a conflict instead of billed again.</summary>
[Collection(AzuriteCollection.Name)]
public class IdentityBackfillTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("backfill-plan", "Backfill", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task BackfillRoute_TwiceOverOldRows_ThenARedeliveryNamingAnotherMonthIsAConflictNotBilled()
    {
        var (account, number) = await SeedAsync();
        var current = BillingPeriod.Containing(SystemClock.Instance.GetCurrentInstant().InUtc().Date, 1);
        var previous = BillingPeriod.Containing(current.Start.PlusDays(-1), 1);
        var start = previous.Start.PlusDays(4).AtStartOfDayInZone(DateTimeZone.Utc).PlusHours(11).ToInstant();
        string[] ids = [$"old1-{run}", $"old2-{run}"];
        foreach (var id in ids)
        {
            await PostEventsAsync(Event(id, number, start));
        }

        var billed = await host.Host.Services.WaitForUsageAsync(account.Id, previous, 2);
        foreach (var row in billed)
        {
            await MakeOldStyleAsync(row);
        }

        var first = await host.Api.BackfillIdentitiesAsync(account.Id, CancellationToken.None);
        var second = await host.Api.BackfillIdentitiesAsync(account.Id, CancellationToken.None);

        (first.Scanned, first.Written, first.AlreadyPresent, first.Conflicting).ShouldBe((2, 2, 0, 0));
        (second.Scanned, second.Written, second.AlreadyPresent, second.Conflicting).ShouldBe((2, 0, 2, 0));
        var identities = host.Host.Services.GetRequiredService<IEventIdentities>();
        foreach (var row in billed)
        {
            var claim = (await identities.FindAsync(row.Event.Identity, CancellationToken.None)).ShouldNotBeNull();
            (Samples.Json(claim.Billed), claim.Delivery).ShouldBe((Samples.Json(row), null));
        }

        await PostEventsAsync(Event(ids[0], number, current.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()));

        var conflict = (await host.Host.Services.WaitForQuarantineAsync("events", $"events-{ids[0]}", 1)).ShouldHaveSingleItem();
        (conflict.Kind, conflict.Problem.Field).ShouldBe((QuarantineKind.Conflict, "startedAt"));
        (await host.Host.Services.WaitForUsageAsync(account.Id, current, 0)).ShouldBeEmpty();
        (await host.Host.Services.WaitForUsageAsync(account.Id, previous, 2)).Select(u => u.Event.StartedAt).ShouldBe([start, start]);
    }

    [Fact]
    public async Task IdentityBackfillVerb_OldRowOnARunningHost_PrintsItWrittenOnceThenPresent()
    {
        var (account, number) = await SeedAsync();
        var period = BillingPeriod.Containing(SystemClock.Instance.GetCurrentInstant().InUtc().Date, 1);
        await PostEventsAsync(Event($"verb-{run}", number, period.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()));
        await MakeOldStyleAsync((await host.Host.Services.WaitForUsageAsync(account.Id, period, 1)).Single());
        using var first = new StringWriter();
        using var second = new StringWriter();

        var exitCodes = (await IdentityBackfillCommand.RunAsync(host.Api, account.Id, first, CancellationToken.None),
            await IdentityBackfillCommand.RunAsync(host.Api, account.Id, second, CancellationToken.None));

        exitCodes.ShouldBe((0, 0));
        first.ToString().ShouldBe($"rows scanned 1, identities written 1, already present 0, conflicting 0{Environment.NewLine}");
        second.ToString().ShouldBe($"rows scanned 1, identities written 0, already present 1, conflicting 0{Environment.NewLine}");
    }

    [Fact]
    public async Task IdentityBackfill_OldRowsOverManyPages_WritesEachOnceAndReportsTheOneClaimedElsewhere()
    {
        var storage = new ScratchTables(azurite);
        try
        {
            var ledger = await storage.ReadyAsync(new TableUsageLedger(storage));
            var identities = await storage.ReadyAsync(new TableEventIdentities(storage));
            var usage = storage.GetTableClient(StorageNames.UsageTable);
            await WriteOldRowsAsync(usage, [.. Enumerable.Range(0, 600).Select(i => Samples.Rated("acme", Samples.October, $"twilio-CA{i}"))]);
            await WriteOldRowsAsync(usage, [.. Enumerable.Range(0, 450).Select(i => Samples.Rated("zeta", Samples.November, $"twilio-CB{i}"))]);
            await WriteOldRowsAsync(usage, [Samples.Rated("acme", Samples.October, "twilio-CX")]);
            (await identities.TryClaimAsync(new IdentityClaim(Samples.Rated("zeta", Samples.October, "twilio-CX"), "m1#0"), default)).ShouldBeNull();
            var backfill = new IdentityBackfill(ledger, identities);

            var first = await backfill.RunAsync(default);
            var second = await backfill.RunAsync(default);

            (first.Scanned, first.Written, first.AlreadyPresent, first.Conflicting).ShouldBe((1051, 1050, 0, 1));
            (second.Scanned, second.Written, second.AlreadyPresent, second.Conflicting).ShouldBe((1051, 0, 1050, 1));
            var conflict = second.Conflicts.ShouldHaveSingleItem();
            (conflict.AccountId, conflict.ClaimedAccountId, conflict.Differences.Single()).ShouldBe(("acme", "zeta", "accountId"));
            (await identities.FindAsync(conflict.Identity, default)).ShouldNotBeNull().Delivery.ShouldBe("m1#0");
            (await identities.FindAsync(new EventIdentity("twilio-CB449", UsageComponent.Telephony), default)).ShouldNotBeNull().Billed.AccountId.ShouldBe("zeta");

            // Resumable: one page a call, each call going on from the cursor the last answered, as read back from a request body.
            var paged = new List<IdentityBackfillSummary> { await backfill.RunAsync(new IdentityBackfillRequest(Pages: 1), default) };
            while (paged[^1].ContinuationToken is { } cursor)
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new { continuationToken = cursor, pages = 1 });
                paged.Add(await backfill.RunAsync(IdentityBackfillRequest.Read(body).Value, default));
            }

            paged.Select(p => (p.Scanned, p.AlreadyPresent, p.Conflicting)).ShouldBe([(1000, 999, 1), (51, 51, 0)]);
        }
        finally
        {
            await storage.DeleteAsync();
        }
    }

    [Fact]
    public async Task BackfillRoute_UnknownFieldOrBadCursor_Is400NamingTheField()
    {
        using var unknown = await PostBackfillAsync("""{"pageSize":5}""");
        using var cursor = await PostBackfillAsync("""{"continuationToken":"not a cursor!"}""");
        using var account = await PostBackfillAsync("""{"accountId":"a#b"}""");

        (unknown.StatusCode, cursor.StatusCode, account.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("pageSize");
        (await cursor.Content.ReadAsStringAsync()).ShouldContain("continuationToken");
        (await account.Content.ReadAsStringAsync()).ShouldContain("accountId");
    }

    private async Task<HttpResponseMessage> PostBackfillAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/maintenance/identity-backfill") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }

    /// <summary>Rows as rating wrote them before identities were kept: keyed by the escaped event id alone, in batches of one partition.</summary>
    private static async Task WriteOldRowsAsync(TableClient usage, IReadOnlyList<RatedUsage> rows)
    {
        foreach (var batch in rows.Chunk(100))
        {
            await usage.SubmitTransactionAsync([.. batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, OldRow(r)))]);
        }
    }

    private static TableEntity OldRow(RatedUsage rated) =>
        new(TableKeys.Escape($"{rated.AccountId}|{rated.PeriodKey}"), TableKeys.Escape(rated.Event.EventId))
        {
            ["Document"] = JsonSerializer.Serialize(rated, BillingJson.Options),
        };

    /// <summary>Turns a row billed now into one billed before identities were kept: the legacy key, and no identity row.</summary>
    private async Task MakeOldStyleAsync(RatedUsage row)
    {
        var ledger = AzuriteFixture.Ledger;
        var usage = azurite.Tables.GetTableClient(ledger.UsageTables[ledger.UsageTableOf(row.AccountId)]);
        var partition = TableKeys.Escape($"{row.AccountId}|{row.PeriodKey}");
        await usage.AddEntityAsync(OldRow(row));
        await usage.DeleteEntityAsync(partition, EventIdentityKeys.Row(row.Event.Identity));
        await azurite.Tables.GetTableClient(ledger.ClaimsTables[ledger.ClaimsTableOf(row.Event.Identity)])
            .DeleteEntityAsync(EventIdentityKeys.Partition(row.Event.Identity), EventIdentityKeys.Row(row.Event.Identity));
    }

    private async Task<(Account Account, string Number)> SeedAsync()
    {
        var account = new Account($"backfill-{run}", $"Backfill {run}", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var number = "+1721" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        return (account, number);
    }

    private static string Event(string id, string to, Instant start) =>
        $$"""{"id":"{{id}}","startedAt":"{{start}}","durationSeconds":60,"direction":"inbound","from":"+13035550900","to":"{{to}}","component":"Telephony"}""";

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
}
