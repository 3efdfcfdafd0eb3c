using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Events;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Reconciles a vendor's statement for a month against our records: the file is stored as it arrives, then read page by page
/// (each page matched in one batch against the billed identities and quarantine, the event ids it lists recorded), its findings stored;
/// then the ledger is scanned for the calls billed under the vendor that month the statement does not list, and the month summed up.</summary>
/// <remarks>
/// Each step is idempotent, so an orchestration can run them with retries: a page read again reads the same lines from the same
/// byte offset and stores the same findings under the same keys; completing again stores the same summary and adds events whose ids
/// (<c>{type}:{run}</c>) the outbox keeps once.
/// </remarks>
public sealed class StatementReconciliation(
    IStatements statements,
    IVendorCallLookup lookup,
    IReconciliations reconciliations,
    IUsageLedger ledger,
    IOutbox outbox,
    ReconciliationPolicy policy,
    IClock clock)
{
    /// <summary>Ledger rows read per page of the scan (the table's page limit).</summary>
    public const int LedgerPageSize = 1000;

    /// <summary>Account periods scanned per batch (one activity): each is read whole, page by page.</summary>
    public const int PeriodsPerScan = 100;

    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.Iso;

    /// <summary>Stores an imported statement and marks its month as being reconciled by the new run.</summary>
    /// <returns>The run to reconcile, or why the import is refused (an unknown format, a month that is not <c>2026-11</c>, too large).</returns>
    /// <param name="scope"><c>vendor</c> (null: every account billed under the vendor that month is checked for calls the statement does
    /// not list) or <c>statement</c> (only the accounts the statement bills a call to).</param>
    public Task<Outcome<StatementRun>> ImportAsync(string vendor, string month, string? format, string? scope, Stream content, CancellationToken cancellationToken) =>
        ImportAsync(vendor, month, format, scope, vendorAccount: null, content, cancellationToken);

    /// <summary>Stores an imported statement of one vendor account (<see cref="StatementRun.VendorAccount"/>), or of every account for null.</summary>
    /// <param name="vendorAccount">1 to 64 letters, digits, '-' or '_' (a Twilio AccountSid).</param>
    public async Task<Outcome<StatementRun>> ImportAsync(
        string vendor, string month, string? format, string? scope, string? vendorAccount, Stream content, CancellationToken cancellationToken)
    {
        if (scope is not (null or "vendor" or "statement"))
        {
            return Problem.Invalid("The statement cannot be imported", new RecordProblem("scope", "must be vendor or statement"));
        }

        if (vendorAccount is not null && (vendorAccount.Length is 0 or > 64 || !vendorAccount.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return Problem.Invalid("The statement cannot be imported",
                new RecordProblem("vendorAccount", "must be a vendor account id (1 to 64 letters, digits, '-' or '_'), such as a Twilio AccountSid"));
        }

        var chosen = format ?? StatementFormat.DefaultFor(vendor);
        if (chosen is null || !StatementFormat.All.Contains(chosen))
        {
            return Problem.Invalid("The statement cannot be imported",
                new RecordProblem("format", $"must be one of {string.Join(", ", StatementFormat.All)}"));
        }

        if (!MonthPattern.Parse(month).Success)
        {
            return Problem.Invalid("The statement cannot be imported", new RecordProblem("month", $"'{month}' is not a month such as 2026-11"));
        }

        var run = new StatementRun(vendor, month, chosen, clock.GetCurrentInstant().ToString("uuuuMMdd'T'HHmmssfff", CultureInfo.InvariantCulture))
        {
            StatementAccountsOnly = scope == "statement",
            VendorAccount = vendorAccount,
        };
        if (!await statements.SaveAsync(run.BlobName, content, policy.MaxStatementBytes, cancellationToken))
        {
            return Problem.TooLarge(policy.MaxStatementBytes);
        }

        await reconciliations.SetSummaryAsync(ReconciliationSummary.Running(run), cancellationToken);
        return run;
    }

    /// <summary>Reconciles the page of the statement that starts at <paramref name="cursor"/>.</summary>
    public async Task<StatementPage> ReconcilePageAsync(StatementRun run, StatementCursor cursor, string? currency, CancellationToken cancellationToken)
    {
        List<StatementLine> lines;
        StatementCursor? next;
        await using (var stream = await statements.OpenReadAsync(run.BlobName, cursor.Offset, cancellationToken))
        {
            (lines, next) = await StatementPageReader.ReadAsync(stream, run.Format, cursor, policy.PageSize, cancellationToken);
        }

        currency ??= lines.FirstOrDefault(l => l.Row is not null)?.Row!.Charge.Currency;
        var inCurrency = lines
            .Where(l => run.VendorAccount is null || l.Row?.VendorAccount is null || l.Row.VendorAccount == run.VendorAccount)
            .Select(l => l.Row is { } row && row.Charge.Currency != currency
                ? StatementLine.Bad(l.Number, "currency", $"is {row.Charge.Currency}; the statement is in {currency}")
                : l)
            .ToList();
        var rows = inCurrency.Where(l => l.Row is not null).Select(l => l.Row!).ToList();
        if (rows.Count > 0)
        {
            await reconciliations.AddSeenAsync(run, [.. rows.Select(r => r.EventId).Distinct(StringComparer.Ordinal)], cancellationToken);
        }

        var matches = rows.Count == 0 ? [] : await lookup.MatchAsync(run.Vendor, rows, cancellationToken);
        var accounts = matches.SelectMany(m => m.AllBilled).Select(b => AccountKey(b.AccountId)).Distinct(StringComparer.Ordinal).ToList();
        if (accounts.Count > 0)
        {
            await reconciliations.AddSeenAsync(run, accounts, cancellationToken);
        }

        var (findings, totals) = StatementMatching.Compare(inCurrency, matches, policy.CostTolerance);
        if (findings.Count > 0)
        {
            await reconciliations.AddFindingsAsync(run, findings, cancellationToken);
        }

        return new StatementPage(totals, currency, next);
    }

    /// <summary>Scans one batch of the account periods billed under the vendor that month (the ledger's index of sources) for the calls
    /// that started in the statement's month (UTC) and the statement does not list; run after the statement's last page, when every id
    /// it lists is recorded.</summary>
    /// <remarks>
    /// <para>Every account billed under the vendor that month is scanned, so an account whose every call is missing from the statement is
    /// reported too; with <see cref="StatementRun.StatementAccountsOnly"/> (a statement of one of several vendor accounts, such as a Twilio
    /// subaccount, which says nothing of the customers the others serve) only those at least one of its billed calls belongs to.</para>
    /// <para>With <see cref="StatementRun.VendorAccount"/>, only the calls recorded as carried by that vendor account are looked for (a
    /// call rated before the account was recorded names none, and is not).</para>
    /// <para>Only the periods the index lists are read, each one partition page by page, never the whole ledger. A batch is retried as a
    /// whole: its findings are stored under the same keys and its totals are returned once, at its end.</para>
    /// </remarks>
    /// <param name="continuationToken">Null for the first batch; otherwise the <see cref="LedgerScanPage.Next"/> of the batch before.</param>
    public async Task<LedgerScanPage> ScanLedgerAsync(StatementRun run, string? continuationToken, CancellationToken cancellationToken)
    {
        var month = MonthPattern.Parse(run.Month).Value;
        var startedIn = new Interval(Utc(month), Utc(month.PlusMonths(1)));
        var batch = await ledger.ListBilledPeriodsAsync(run.Vendor, month, continuationToken, PeriodsPerScan, cancellationToken);
        var periods = batch.Items;
        if (run.StatementAccountsOnly && periods.Count > 0)
        {
            var accounts = periods.Select(p => AccountKey(p.AccountId)).Distinct(StringComparer.Ordinal).ToList();
            var covered = await reconciliations.SeenAmongAsync(run, accounts, cancellationToken);
            periods = [.. periods.Where(p => covered.Contains(AccountKey(p.AccountId)))];
        }

        var totals = StatementTotals.Empty;
        long scanned = 0;
        foreach (var period in periods)
        {
            string? token = null;
            do
            {
                var page = await ledger.ListBySourceAsync(period, run.Vendor, startedIn, token, LedgerPageSize, cancellationToken);
                scanned += page.Rows.Count;
                var rows = run.VendorAccount is null ? page.Rows : [.. page.Rows.Where(r => r.Event.VendorAccount == run.VendorAccount)];
                totals = totals.Plus(await FindUnlistedAsync(run, rows, cancellationToken));
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return new LedgerScanPage(totals, batch.ContinuationToken, scanned, periods.Count);

        static Instant Utc(YearMonth m) => m.OnDayOfMonth(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
    }

    private async Task<StatementTotals> FindUnlistedAsync(StatementRun run, IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Event.Identity.EventId).Distinct(StringComparer.Ordinal).ToList();
        var listed = ids.Count == 0 ? new HashSet<string>() : await reconciliations.SeenAmongAsync(run, ids, cancellationToken);
        var (findings, totals) = UnlistedCalls.Find(rows, listed, $"the {run.Vendor} statement of {run.Month}");
        if (findings.Count > 0)
        {
            await reconciliations.AddFindingsAsync(run, findings, cancellationToken);
        }

        return totals;
    }

    /// <summary>How an account the statement's billed calls belong to is recorded beside the statement's event ids (which all start with
    /// the vendor's name, never with this).</summary>
    public static string AccountKey(string accountId) => $"account|{accountId}";

    /// <summary>Sums the month up against the month before, stores the summary and announces it (and a margin fall past the threshold).</summary>
    public Task<ReconciliationSummary> CompleteAsync(StatementRun run, string? currency, StatementTotals totals, CancellationToken cancellationToken) =>
        CompleteAsync(run, currency, totals, rental: null, cancellationToken);

    /// <summary>The same, with the month's expected number rental (<see cref="NumberRentals"/>) shown beside the call totals.</summary>
    public async Task<ReconciliationSummary> CompleteAsync(
        StatementRun run, string? currency, StatementTotals totals, NumberRental? rental, CancellationToken cancellationToken)
    {
        var month = MonthPattern.Parse(run.Month).Value;
        var before = await reconciliations.FindSummaryAsync(run.Vendor, MonthPattern.Format(month.PlusMonths(-1)), cancellationToken);
        var summary = ReconciliationSummary.Completed(run, currency, totals, before is { Status: "completed" } ? before : null, policy.DriftThresholdPoints)
            with { NumberRental = rental };
        var now = clock.GetCurrentInstant();
        await outbox.AddAsync(DomainEvent.Create(ReconciliationCompletedData.Type, run.Id, now, run.Vendor, new ReconciliationCompletedData(summary)), cancellationToken);
        if (summary.DriftDetected)
        {
            var drift = new MarginDriftDetectedData(run.Vendor, run.Month, summary.MarginPercent!.Value, summary.PreviousMarginPercent!.Value, summary.DriftPoints!.Value, policy.DriftThresholdPoints);
            await outbox.AddAsync(DomainEvent.Create(MarginDriftDetectedData.Type, run.Id, now, run.Vendor, drift), cancellationToken);
        }

        // Only the month's latest import speaks for the month: a run completing after a newer import was made does not replace it.
        if (await reconciliations.FindSummaryAsync(run.Vendor, run.Month, cancellationToken) is not { } current || current.RunId.CompareTo(run.RunId) <= 0)
        {
            await reconciliations.SetSummaryAsync(summary, cancellationToken);
        }

        return summary;
    }

    /// <summary>The month's latest summary, or null.</summary>
    public Task<ReconciliationSummary?> FindAsync(string vendor, string month, CancellationToken cancellationToken) =>
        reconciliations.FindSummaryAsync(vendor, month, cancellationToken);

    /// <summary>The findings of the month's latest run.</summary>
    public IAsyncEnumerable<ReconciliationFinding> FindingsAsync(ReconciliationSummary summary, CancellationToken cancellationToken) =>
        reconciliations.ListFindingsAsync(RunOf(summary), cancellationToken);

    /// <summary>The month's latest reconciliation with its first <paramref name="findingsLimit"/> findings, or null when the month has none.</summary>
    /// <param name="failureOf">Asks the host whether a still-running reconciliation's orchestration has failed (its message) or not (null).</param>
    public async Task<ReconciliationReport?> ReportAsync(
        string vendor, string month, int findingsLimit, Func<StatementRun, Task<string?>> failureOf, CancellationToken cancellationToken)
    {
        if (await FindAsync(vendor, month, cancellationToken) is not { } summary)
        {
            return null;
        }

        var failure = summary.Status == "running" ? await failureOf(RunOf(summary)) : null;
        return await ReconciliationReport.CreateAsync(summary, FindingsAsync(summary, cancellationToken), findingsLimit, failure, cancellationToken);
    }

    private static StatementRun RunOf(ReconciliationSummary summary) => new(summary.Vendor, summary.Month, summary.Format, summary.RunId);
}
