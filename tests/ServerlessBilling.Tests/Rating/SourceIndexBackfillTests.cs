using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Tests.Upstream;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Usage rated before the ledger kept its index of sources gets its entries, so reconciliation's scan finds those periods.</summary>
public class SourceIndexBackfillTests
{
    private static readonly StatementRun Run = new("twilio", "2026-11", StatementFormat.TwilioCalls, "r1");

    private readonly InMemoryUsageLedger ledger = new();

    [Fact]
    public async Task RunAsync_RowsRatedBeforeTheIndex_WritesOneEntryPerSourceMonthAndPeriod_AndARepeatFindsThemAll()
    {
        for (var i = 0; i < SourceIndexBackfill.PageSize + 200; i++)
        {
            ledger.RecordUnindexed(Billed($"acct-{i % 3}", $"CA{i:D5}", Instant.FromUtc(2026, 11, 1 + (i % 30), 12, 0)));
        }

        ledger.RecordUnindexed(Billed("acct-0", "CB1", Instant.FromUtc(2026, 10, 31, 23, 59)));
        var retell = Billed("acct-0", "RE1", Instant.FromUtc(2026, 11, 4, 0, 0));
        ledger.RecordUnindexed(retell with { Event = retell.Event with { Source = "retell", EventId = "retell-RE1" } });
        var backfill = new SourceIndexBackfill(ledger);

        var first = await backfill.RunAsync(accountId: null, CancellationToken.None);
        var again = await backfill.RunAsync(accountId: null, CancellationToken.None);

        (first.Scanned, first.Indexed, first.AlreadyIndexed, first.ContinuationToken).ShouldBe((1202, 5, 0, (string?)null));
        (again.Scanned, again.Indexed, again.AlreadyIndexed).ShouldBe((1202, 0, 5));
        (await ledger.ListBilledPeriodsAsync("twilio", new YearMonth(2026, 11), null, 10, default)).Items
            .ShouldBe([new("acct-0", "2026-11-01"), new("acct-1", "2026-11-01"), new("acct-2", "2026-11-01")], ignoreOrder: true);
        (await ledger.ListBilledPeriodsAsync("twilio", new YearMonth(2026, 10), null, 10, default)).Items.ShouldBe([new BilledPeriod("acct-0", "2026-11-01")]);
        (await ledger.ListBilledPeriodsAsync("retell", new YearMonth(2026, 11), null, 10, default)).Items.ShouldBe([new BilledPeriod("acct-0", "2026-11-01")]);
    }

    [Fact]
    public async Task RunAsync_OneAccount_IndexesItsRowsOnly()
    {
        ledger.RecordUnindexed(Billed("acme", "CA1", Instant.FromUtc(2026, 11, 2, 0, 0)));
        ledger.RecordUnindexed(Billed("acme-two", "CA2", Instant.FromUtc(2026, 11, 2, 0, 0)));

        var summary = await new SourceIndexBackfill(ledger).RunAsync("acme", CancellationToken.None);

        (summary.Scanned, summary.Indexed, summary.AlreadyIndexed).ShouldBe((1, 1, 0));
        (await ledger.ListBilledPeriodsAsync("twilio", new YearMonth(2026, 11), null, 10, default)).Items.ShouldBe([new BilledPeriod("acme", "2026-11-01")]);
    }

    [Fact]
    public async Task RunAsync_OnePageACall_GoesOnFromEachCursorAndEndsWithNone()
    {
        for (var i = 0; i < (2 * SourceIndexBackfill.PageSize) + 1; i++)
        {
            ledger.RecordUnindexed(Billed($"acct-{i / SourceIndexBackfill.PageSize}", $"CA{i:D5}", Instant.FromUtc(2026, 11, 2, 0, 0)));
        }

        var backfill = new SourceIndexBackfill(ledger);
        var calls = new List<SourceIndexBackfillSummary> { await backfill.RunAsync(new SourceIndexBackfillRequest(Pages: 1), CancellationToken.None) };
        while (calls[^1].ContinuationToken is { } cursor)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { continuationToken = cursor, pages = 1 });
            calls.Add(await backfill.RunAsync(SourceIndexBackfillRequest.Read(body).Value, CancellationToken.None));
        }

        calls.Select(c => (c.Scanned, c.Indexed, c.AlreadyIndexed)).ShouldBe([(1000, 1, 0), (1000, 1, 0), (1, 1, 0)]);
    }

    [Fact]
    public async Task ScanLedgerAsync_PeriodRatedBeforeTheIndex_IsFoundOnlyAfterTheBackfill()
    {
        ledger.RecordUnindexed(Billed("old-account", "CA1", Instant.FromUtc(2026, 11, 9, 0, 0)));
        ledger.RecordUnindexed(Billed("old-account", "CA2", Instant.FromUtc(2026, 11, 10, 0, 0)));
        var reconciliations = new InMemoryReconciliations();
        await reconciliations.AddSeenAsync(Run, ["twilio-CA1"], default);
        var reconciliation = new StatementReconciliation(new NoStatements(), new NoLookup(), reconciliations, ledger, new InMemoryOutbox(),
            new ReconciliationPolicy(), new FakeClock(Instant.FromUtc(2026, 12, 2, 0, 0)));

        var before = await reconciliation.ScanLedgerAsync(Run, null, default);
        await new SourceIndexBackfill(ledger).RunAsync(accountId: null, CancellationToken.None);
        var after = await reconciliation.ScanLedgerAsync(Run, null, default);

        (before.Periods, before.Rows).ShouldBe((0, 0L));
        (after.Periods, after.Rows).ShouldBe((1, 2L));
        after.Totals.Of(FindingReason.NotOnStatement).ShouldBe(new FindingTotal(1, 0.02m));
    }

    [Theory]
    [InlineData("""{"pageSize":5}""", "pageSize")]
    [InlineData("""{"pages":0}""", "pages")]
    [InlineData("""{"continuationToken":"not a cursor!"}""", "continuationToken")]
    [InlineData("""{"accountId":"a#b"}""", "accountId")]
    public void Read_BadField_IsInvalidNamingIt(string body, string field)
    {
        var read = SourceIndexBackfillRequest.Read(System.Text.Encoding.UTF8.GetBytes(body));

        read.Succeeded.ShouldBeFalse();
        read.Problem!.Title.ShouldBe("The source index backfill request is not valid");
        read.Problem.Fields.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    private static RatedUsage Billed(string account, string sid, Instant start) =>
        new(new UsageEvent($"twilio-{sid}", "twilio", sid, start, 60, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true),
            account, "2026-11-01", new Charge(60, new Money(0.02m, "USD"), 0.02m, "sell", "2026-01-01"));

    private sealed class NoStatements : IStatements
    {
        public Task<bool> SaveAsync(string name, Stream content, long maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoLookup : IVendorCallLookup
    {
        public Task<IReadOnlyList<CallMatch>> MatchAsync(string vendor, IReadOnlyList<StatementRow> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
