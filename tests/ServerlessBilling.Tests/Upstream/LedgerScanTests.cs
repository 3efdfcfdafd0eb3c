using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Tests.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

/// <summary>The scan after a statement's last page: every account period billed under the vendor that month, batch after batch.</summary>
public class LedgerScanTests
{
    private static readonly StatementRun Run = new("twilio", "2026-11", StatementFormat.TwilioCalls, "r1");

    [Fact]
    public async Task ScanLedgerAsync_MoreAccountsThanABatch_FindsEveryUnlistedCallOnce_IncludingAccountsWithNoListedCall()
    {
        var ledger = new InMemoryUsageLedger();
        var reconciliations = new InMemoryReconciliations();
        var accounts = StatementReconciliation.PeriodsPerScan + 50;
        for (var a = 0; a < accounts; a++)
        {
            await ledger.TryRecordAsync(Billed($"acct-{a:D3}", $"CA{a:D3}x", Instant.FromUtc(2026, 11, 2, 0, 0), 0.02m), default);
            if (a % 2 == 0)
            {
                await ledger.TryRecordAsync(Billed($"acct-{a:D3}", $"CA{a:D3}y", Instant.FromUtc(2026, 11, 30, 23, 59), 0.04m), default);
            }
        }

        await ledger.TryRecordAsync(Billed("acct-000", "CA999z", Instant.FromUtc(2026, 12, 1, 0, 0), 0.06m), default);
        await reconciliations.AddSeenAsync(Run, [.. Enumerable.Range(0, accounts).Where(a => a % 2 == 0).Select(a => $"twilio-CA{a:D3}y")], default);
        var reconciliation = new StatementReconciliation(
            new NoStatements(), new NoLookup(), reconciliations, ledger, new InMemoryOutbox(), new ReconciliationPolicy(), new FakeClock(Instant.FromUtc(2026, 12, 2, 0, 0)));

        var (batches, totals, rows, periods) = (0, StatementTotals.Empty, 0L, 0);
        string? token = null;
        do
        {
            var page = await reconciliation.ScanLedgerAsync(Run, token, default);
            (batches, totals, rows, periods, token) = (batches + 1, totals.Plus(page.Totals), rows + page.Rows, periods + page.Periods, page.Next);
        }
        while (token is not null);

        (batches, rows, periods).ShouldBe((2, 225L, 150));
        totals.Of(FindingReason.NotOnStatement).ShouldBe(new FindingTotal(150, 3.00m));
        var findings = new List<ReconciliationFinding>();
        await foreach (var finding in reconciliations.ListFindingsAsync(Run, default))
        {
            findings.Add(finding);
        }

        findings.Select(f => f.VendorCallId).ShouldBe(Enumerable.Range(0, accounts).Select(a => $"CA{a:D3}x"));
        findings.Select(f => f.AccountId).Distinct().Count().ShouldBe(150);
    }

    [Fact]
    public async Task ScanLedgerAsync_OneVendorAccount_FindsOnlyTheUnlistedCallsThatAccountCarried()
    {
        var ledger = new InMemoryUsageLedger();
        var reconciliations = new InMemoryReconciliations();
        var start = Instant.FromUtc(2026, 11, 5, 0, 0);
        await ledger.TryRecordAsync(Carried(Billed("acme", "CA1", start, 0.02m), "AC1"), default);
        await ledger.TryRecordAsync(Carried(Billed("acme", "CA2", start, 0.03m), "AC1"), default);
        await ledger.TryRecordAsync(Carried(Billed("acme", "CA3", start, 0.05m), "AC2"), default);
        await ledger.TryRecordAsync(Carried(Billed("zeta", "CA4", start, 0.07m), "AC1"), default);
        await ledger.TryRecordAsync(Billed("zeta", "CA5", start, 0.11m), default);
        var run = Run with { VendorAccount = "AC1" };
        await reconciliations.AddSeenAsync(run, ["twilio-CA1"], default);
        var reconciliation = new StatementReconciliation(
            new NoStatements(), new NoLookup(), reconciliations, ledger, new InMemoryOutbox(), new ReconciliationPolicy(), new FakeClock(Instant.FromUtc(2026, 12, 2, 0, 0)));

        var page = await reconciliation.ScanLedgerAsync(run, null, default);

        (page.Rows, page.Periods, page.Next).ShouldBe((5L, 2, (string?)null));
        page.Totals.Of(FindingReason.NotOnStatement).ShouldBe(new FindingTotal(2, 0.10m));
        var findings = new List<ReconciliationFinding>();
        await foreach (var finding in reconciliations.ListFindingsAsync(run, default))
        {
            findings.Add(finding);
        }

        findings.Select(f => (f.VendorCallId, f.AccountId)).ShouldBe([("CA2", "acme"), ("CA4", "zeta")], ignoreOrder: true);
    }

    private static RatedUsage Carried(RatedUsage usage, string vendorAccount) =>
        usage with { Event = usage.Event with { Attributes = new Dictionary<string, string> { [UsageEvent.VendorAccountAttribute] = vendorAccount } } };

    private static RatedUsage Billed(string account, string sid, Instant start, decimal price) =>
        new(new UsageEvent($"twilio-{sid}", "twilio", sid, start, 60, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true),
            account, "2026-11-01", new Charge(60, new Money(price, "USD"), 0.02m, "sell", "2026-01-01"));

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
