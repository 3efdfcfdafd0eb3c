using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>
/// <c>reconcile-bench [--rows 1000000] [--page 2000]</c>: writes a Twilio call records statement of that many generated calls to a
/// temporary file, reconciles it page by page through <see cref="StatementReconciliation"/> (the reader, the matching and the totals the
/// orchestration's activities run), then scans the ledger for the billed calls it does not list as the orchestration does, and prints a
/// table of rows per second for each phase, the process's peak working set and the machine's load average.
/// </summary>
/// <remarks>Storage is replaced by stand-ins so the bench measures the reconciliation itself: the lookup answers from the call id (one in
/// a hundred missing, one in a hundred billed under a per-second increment the vendor no longer uses), the ledger is generated
/// (<see cref="ReconcileBenchLedger"/>: the statement's calls over 1,000 accounts, one in a hundred more calls it does not list), findings
/// are counted and dropped. Memory stays bounded by one page whatever the row count: the file is never read whole.</remarks>
public static class ReconcileBenchCommand
{
    public static Task<int> RunAsync(CommandOptions options, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(options, output, TextWriter.Null, cancellationToken);

    /// <param name="progress">Where the phases are shown as they run (standard error: standard output keeps the table).</param>
    public static async Task<int> RunAsync(CommandOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var rows = int.Parse(options.Get("--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(options.Get("--page") ?? "2000", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"reconcile-bench-{Environment.ProcessId}.csv");
        try
        {
            var phases = new PhaseProgress(progress);
            await phases.RunAsync(string.Create(CultureInfo.InvariantCulture, $"Writing a statement of {rows:N0} calls"), () => WriteStatementAsync(file, rows, cancellationToken));
            var ledger = new ReconcileBenchLedger(rows);
            var findings = new CountingFindings(ledger);
            var reconciliation = new StatementReconciliation(
                new FileStatements(file), new GeneratedLookup(), findings, ledger, new NoOutbox(), new ReconciliationPolicy(PageSize: pageSize), SystemClock.Instance);
            var run = new StatementRun("twilio", "2026-11", StatementFormat.TwilioCalls, "bench");
            var matching = Stopwatch.StartNew();
            var (cursor, currency, totals) = ((StatementCursor?)StatementCursor.Start, (string?)null, StatementTotals.Empty);
            await phases.RunAsync("Matching the statement", async () =>
            {
                while (cursor is not null)
                {
                    var page = await reconciliation.ReconcilePageAsync(run, cursor, currency, cancellationToken);
                    (cursor, currency, totals) = (page.Next, page.Currency, totals.Plus(page.Totals));
                }
            });

            matching.Stop();
            var scan = Stopwatch.StartNew();
            var (token, scanned, periods) = ((string?)null, 0L, 0);
            await phases.RunAsync("Scanning the ledger", async () =>
            {
                do
                {
                    var page = await reconciliation.ScanLedgerAsync(run, token, cancellationToken);
                    (token, scanned, periods, totals) = (page.Next, scanned + page.Rows, periods + page.Periods, totals.Plus(page.Totals));
                }
                while (token is not null);
            });

            scan.Stop();
            var summary = ReconciliationSummary.Completed(run, currency, totals, null, 5m);
            using var process = Process.GetCurrentProcess();
            output.WriteLine($"{"Phase",-36} {"Rows",10} {"Seconds",9} {"Rows/s",11}");
            output.WriteLine(Line("statement matching", totals.Rows, matching.Elapsed));
            output.WriteLine(Line($"ledger scan ({periods:N0} account periods)", scanned, scan.Elapsed));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {LoadAverage()} on {Environment.ProcessorCount} cores."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Vendor {summary.VendorTotal} {currency}, billed {summary.BilledTotal}, leakage {summary.Leakage.Count:N0} calls {summary.Leakage.Amount}, not on the statement {totals.Of(FindingReason.NotOnStatement).Count:N0} calls, cost differences {summary.CostDifferences.Count:N0}; {findings.Count:N0} findings."));
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Line(string phase, long rows, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase,-36} {rows,10:N0} {elapsed.TotalSeconds,9:N1} {rows / Math.Max(elapsed.TotalSeconds, 1e-6),11:N0}");

    /// <summary>The 1, 5 and 15 minute load averages where the system reports them (<c>/proc/loadavg</c>).</summary>
    private static string LoadAverage()
    {
        const string LoadAverages = "/proc/loadavg";
        return File.Exists(LoadAverages) ? string.Join(' ', File.ReadAllText(LoadAverages).Split(' ').Take(3)) : "n/a";
    }

    private static async Task WriteStatementAsync(string file, int rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync("Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit".AsMemory(), cancellationToken);
        for (var i = 0; i < rows; i++)
        {
            var (at, seconds) = ReconcileBenchLedger.Timing(i);
            var price = Math.Ceiling(seconds / 60m) * 0.0085m;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{ReconcileBenchLedger.Sid(i)},+13035550900,+14155230101,inbound,completed,{at},{at.Plus(Duration.FromSeconds(seconds))},{seconds},-{price},USD").AsMemory(), cancellationToken);
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

            return new CallMatch(ReconcileBenchLedger.Rated(row.VendorCallId, row.StartedAt, row.DurationSeconds, $"acct-{n % 1000}"), null);
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

    /// <summary>Counts findings and drops them; the ids the statement lists are those of the calls it was generated with.</summary>
    private sealed class CountingFindings(ReconcileBenchLedger ledger) : IReconciliations
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
            Task.FromResult<IReadOnlySet<string>>(eventIds.Where(id => id.StartsWith("twilio-", StringComparison.Ordinal) && ledger.Listed(id)).ToHashSet(StringComparer.Ordinal));

        public Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken) => Task.FromResult<ReconciliationSummary?>(null);
    }

    private sealed class NoOutbox : IOutbox
    {
        public Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<DomainEvent>> ListPendingAsync(int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DomainEvent>>([]);

        public Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
