using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Usage rows recorded before the ledger kept its index of sources (rows in <c>Usage</c>, no entry in <c>UsageBySource</c>) get
/// their entries on Azurite, through the domain, the route and the verb, so reconciliation's scan finds those periods.</summary>
[Collection(AzuriteCollection.Name)]
public class SourceIndexBackfillTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly YearMonth October = new(2026, 10);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task SourceIndexBackfill_RowsOverManyPages_WritesEachEntryOnceAndAnotherInstanceFindsThemThere()
    {
        var storage = new ScratchTables(azurite);
        try
        {
            var ledger = await storage.ReadyAsync(new TableUsageLedger(storage));
            var rows = Enumerable.Range(0, 1100).Select(i => Samples.Rated($"acct-{i % 4}", Samples.October, $"twilio-CA{i:D5}")).ToList();
            (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(r => r);
            await ForgetIndexAsync(storage, "twilio|2026-10");
            (await ledger.ListBilledPeriodsAsync("twilio", October, null, 10, default)).Items.ShouldBeEmpty();

            var first = await new SourceIndexBackfill(new TableUsageLedger(storage)).RunAsync(accountId: null, default);
            var second = await new SourceIndexBackfill(new TableUsageLedger(storage)).RunAsync(accountId: null, default);

            (first.Scanned, first.Indexed, first.AlreadyIndexed).ShouldBe((1100, 4, 0));
            (second.Scanned, second.Indexed, second.AlreadyIndexed).ShouldBe((1100, 0, 4));
            (await ledger.ListBilledPeriodsAsync("twilio", October, null, 10, default)).Items
                .ShouldBe([.. Enumerable.Range(0, 4).Select(a => new BilledPeriod($"acct-{a}", Samples.October.Key))], ignoreOrder: true);
        }
        finally
        {
            await storage.DeleteAsync();
        }
    }

    [Fact]
    public async Task SourceIndexBackfillVerb_OldRowsOnARunningHost_PrintsThemIndexedOnceThenAlreadyIndexed()
    {
        var account = $"srcidx-{run}";
        await RecordUnindexedAsync(account, 3);
        var ledger = host.Host.Services.GetRequiredService<IUsageLedger>();
        using var first = new StringWriter();
        using var second = new StringWriter();

        var exitCodes = (await SourceIndexBackfillCommand.RunAsync(host.Api, account, first, CancellationToken.None),
            await SourceIndexBackfillCommand.RunAsync(host.Api, account, second, CancellationToken.None));

        exitCodes.ShouldBe((0, 0));
        first.ToString().ShouldBe($"rows scanned 3, index entries written 1, already indexed 0{Environment.NewLine}");
        second.ToString().ShouldBe($"rows scanned 3, index entries written 0, already indexed 1{Environment.NewLine}");
        (await BilledPeriodsAsync(ledger, account)).ShouldBe([new BilledPeriod(account, Samples.October.Key)]);
    }

    [Fact]
    public async Task BackfillRoute_OnePageACall_AnswersTheCursorUntilDone_AndABadFieldIs400NamingIt()
    {
        var account = $"srcidx-{run}";
        await RecordUnindexedAsync(account, 2);

        var call = await host.Api.BackfillSourceIndexAsync(new SourceIndexBackfillRequest(Pages: 1, AccountId: account), CancellationToken.None);
        using var unknown = await PostBackfillAsync("""{"pageSize":5}""");
        using var pages = await PostBackfillAsync("""{"pages":101}""");

        (call.Scanned, call.Indexed, call.AlreadyIndexed, call.ContinuationToken).ShouldBe((2, 1, 0, (string?)null));
        (unknown.StatusCode, pages.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("pageSize");
        (await pages.Content.ReadAsStringAsync()).ShouldContain("pages");
    }

    /// <summary>Rows as the ledger wrote them before it kept its index: written by an instance the host does not share, their entry removed.</summary>
    private async Task RecordUnindexedAsync(string account, int calls)
    {
        var ledger = new TableUsageLedger(azurite.Tables, ledger: AzuriteFixture.Ledger);
        foreach (var i in Enumerable.Range(0, calls))
        {
            (await ledger.TryRecordAsync(Samples.Rated(account, Samples.October, $"twilio-{run}-{i}"), default)).ShouldBeTrue();
        }

        await azurite.Tables.GetTableClient(StorageNames.UsageBySourceTable)
            .DeleteEntityAsync(TableKeys.Escape("twilio|2026-10"), TableKeys.Escape($"{account}|{Samples.October.Key}"));
        (await BilledPeriodsAsync(ledger, account)).ShouldBeEmpty();
    }

    private static async Task<List<BilledPeriod>> BilledPeriodsAsync(IUsageLedger ledger, string account)
    {
        var periods = new List<BilledPeriod>();
        string? token = null;
        do
        {
            var page = await ledger.ListBilledPeriodsAsync("twilio", October, token, 1000, default);
            periods.AddRange(page.Items.Where(p => p.AccountId == account));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return periods;
    }

    private static async Task ForgetIndexAsync(TableServiceClient tables, string partition)
    {
        var index = tables.GetTableClient(StorageNames.UsageBySourceTable);
        await foreach (var entry in index.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            await index.DeleteEntityAsync(entry.PartitionKey, entry.RowKey);
        }
    }

    private async Task<HttpResponseMessage> PostBackfillAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/maintenance/source-index-backfill")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }
}
