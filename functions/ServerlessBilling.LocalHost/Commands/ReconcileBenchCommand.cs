using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>
/// <c>reconcile-bench [--rows 1000000] [--page 2000]</c>: writes a Twilio call records statement of that many generated calls to a
/// temporary file, reconciles it page by page through <see cref="StatementReconciliation"/> (the reader, the matching and the totals the
/// orchestration's activities run) and prints rows per second and the process's peak working set.
/// </summary>
/// <remarks>Storage is replaced by stand-ins so the bench measures the reconciliation itself: the lookup answers from the call id (one in
/// a hundred missing, one in a hundred billed under a per-second increment the vendor no longer uses), findings are counted and dropped.
/// Memory stays bounded by one page whatever the row count: the file is never read whole.</remarks>
public static class ReconcileBenchCommand
{
    public static async Task<int> RunAsync(CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = int.Parse(options.Get("--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(options.Get("--page") ?? "2000", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"reconcile-bench-{Environment.ProcessId}.csv");
        try
        {
            await WriteStatementAsync(file, rows, cancellationToken);
            var findings = new CountingFindings();
            var reconciliation = new StatementReconciliation(
                new FileStatements(file), new GeneratedLookup(), findings, new EmptyLedger(), new NoOutbox(), new ReconciliationPolicy(PageSize: pageSize), SystemClock.Instance);
            var run = new StatementRun("twilio", "2026-11", StatementFormat.TwilioCalls, "bench");
            var clock = Stopwatch.StartNew();
            var (cursor, currency, totals) = ((StatementCursor?)StatementCursor.Start, (string?)null, StatementTotals.Empty);
            while (cursor is not null)
            {
                var page = await reconciliation.ReconcilePageAsync(run, cursor, currency, cancellationToken);
                (cursor, currency, totals) = (page.Next, page.Currency, totals.Plus(page.Totals));
            }

            var summary = ReconciliationSummary.Completed(run, currency, totals, null, 5m);
            clock.Stop();
            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Reconciled {totals.Rows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s: {totals.Rows / clock.Elapsed.TotalSeconds:N0} rows/s, peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Vendor {summary.VendorTotal} {currency}, billed {summary.BilledTotal}, leakage {summary.Leakage.Count:N0} calls {summary.Leakage.Amount}, cost differences {summary.CostDifferences.Count:N0}; {findings.Count:N0} findings."));
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task WriteStatementAsync(string file, int rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync("Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit".AsMemory(), cancellationToken);
        var start = Instant.FromUtc(2026, 11, 1, 0, 0);
        for (var i = 0; i < rows; i++)
        {
            var seconds = 1 + (i % 600);
            var price = Math.Ceiling(seconds / 60m) * 0.0085m;
            var at = start.Plus(Duration.FromSeconds(i % 2_500_000));
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"CA{i:D32},+13035550900,+14155230101,inbound,completed,{at},{at.Plus(Duration.FromSeconds(seconds))},{seconds},-{price},USD").AsMemory(), cancellationToken);
        }
    }

    /// <summary>What the ledger would hold for a generated call, computed from its number.</summary>
    private sealed class GeneratedLookup : IVendorCallLookup
    {
        public Task<IReadOnlyList<CallMatch>> MatchAsync(string vendor, IReadOnlyList<StatementRow> rows, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CallMatch>>([.. rows.Select(Match)]);

        private static CallMatch Match(StatementRow row)
        {
            var n = long.Parse(row.VendorCallId.AsSpan(2), CultureInfo.InvariantCulture);
            if (n % 100 == 0)
            {
                return CallMatch.None;
            }

            var perSecond = n % 100 == 1;
            var billable = perSecond ? row.DurationSeconds : (int)Math.Ceiling(row.DurationSeconds / 60m) * 60;
            var cost = new ExpectedCost(new Money(billable * 0.0085m / 60m, "USD"), "cost-twilio-voice", "2026-10-01", "Telephony Inbound Local", billable, 0.0085m);
            var usage = new UsageEvent(row.EventId, "twilio", row.VendorCallId, row.StartedAt, row.DurationSeconds, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true);
            return new CallMatch(new RatedUsage(usage, "acme", "2026-11-01", new Charge(billable, new Money(Math.Round(billable * 0.02m / 60m, 6), "USD"), 0.02m, "sell", "2026-01-01") { ExpectedCost = cost }), null);
        }
    }

    private sealed class FileStatements(string file) : IStatements
    {
        public Task<bool> SaveAsync(string name, Stream content, long maxBytes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken)
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            stream.Seek(offset, SeekOrigin.Begin);
            return Task.FromResult<Stream>(stream);
        }
    }

    private sealed class CountingFindings : IReconciliations
    {
        public long Count { get; private set; }

        public Task AddFindingsAsync(StatementRun run, IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken)
        {
            Count += findings.Count;
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<ReconciliationFinding> ListFindingsAsync(StatementRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task AddSeenAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlySet<string>> SeenAmongAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

        public Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken) => Task.FromResult<ReconciliationSummary?>(null);
    }

    private sealed class NoOutbox : IOutbox
    {
        public Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<DomainEvent>> ListPendingAsync(int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DomainEvent>>([]);

        public Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The bench reads the statement only: its ledger holds nothing to scan.</summary>
    private sealed class EmptyLedger : IUsageLedger
    {
        public Task<UsagePage> ListBySourceAsync(string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            Task.FromResult(new UsagePage([], null));

        public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
