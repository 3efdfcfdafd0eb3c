using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The dashboard's margin figures: the per-account margin report (<see cref="UsageReports.MarginAsync"/>'s
/// <see cref="MarginReport"/>) of each account's last <see cref="Months"/> periods, added up across accounts per currency.</summary>
/// <remarks>
/// <para>Accounts are read a page at a time and each account period is read on its own (one ledger partition), folded into running
/// sums and dropped, so memory holds one period's calls and the sums, never the ledger. Reading grows with accounts times months.</para>
/// <para>A call's cost is the one its vendor reported, else the one its vendor's cost plan expected when it was rated; the lines say
/// which (<see cref="MarginLine.CostBasis"/>). Amounts are per call, before bundles and tiers, as in the margin report.</para>
/// </remarks>
/// <param name="cacheLifetime">How long <see cref="ReadCachedAsync"/> answers the roll-up it read (default
/// <see cref="DefaultCacheLifetime"/>); zero reads every time.</param>
public sealed class ConsoleMargins(IAccountDirectory accounts, IUsageLedger ledger, IClock clock, Duration? cacheLifetime = null)
{
    /// <summary>A minute: the dashboard reloaded, or opened by several people, does not read every account's periods again.</summary>
    public static Duration DefaultCacheLifetime { get; } = Duration.FromMinutes(1);

    private readonly Duration lifetime = cacheLifetime ?? DefaultCacheLifetime;
    private readonly Lock gate = new();
    private (Instant ReadAt, Task<MarginRollUp> RollUp)? cached;

    /// <summary>The periods read per account: the current one and the five before.</summary>
    public const int Months = 6;

    /// <summary>The loss-making calls kept, worst first.</summary>
    public const int LossesShown = 10;

    /// <summary>Accounts read per page of the directory.</summary>
    public const int AccountsPerPage = 100;

    /// <summary>Account periods read at once: the reads are independent partition queries, so a page of accounts is not read one
    /// round trip after another.</summary>
    private const int ParallelReads = 8;

    /// <summary>The roll-up read less than the cache lifetime ago, else a new one; the requests that come while it is read share that
    /// one read.</summary>
    /// <remarks>The shared read is not cancelled with the request that started it, which others may be waiting on; a read that failed
    /// is not kept.</remarks>
    public Task<MarginRollUp> ReadCachedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        lock (gate)
        {
            if (cached is not { } kept || now - kept.ReadAt >= lifetime || now < kept.ReadAt || kept.RollUp.IsFaulted || kept.RollUp.IsCanceled)
            {
                kept = (now, ReadAsync(CancellationToken.None));
                cached = kept;
            }

            return kept.RollUp.WaitAsync(cancellationToken);
        }
    }

    public async Task<MarginRollUp> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var sums = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var (read, periods) = (0, 0);
        using var reading = new SemaphoreSlim(ParallelReads);
        string? token = null;
        do
        {
            var page = await accounts.ListPageAsync(AccountListFilter.All, new PageRequest(token, AccountsPerPage), cancellationToken);
            var reports = await Task.WhenAll(page.Items.Select(account => ReportsOfAsync(account, now, reading, cancellationToken)));
            foreach (var (account, report) in reports.SelectMany(r => r))
            {
                periods++;
                var currency = account.Billing.Currency;
                if (!sums.TryGetValue(currency, out var into))
                {
                    sums[currency] = into = new Sums();
                }

                into.Add(account.Id, report);
            }

            read += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);

        return new MarginRollUp(Months, read, periods, [.. sums.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Of(s.Key))]);
    }

    /// <summary>The margin report of each of the account's last <see cref="Months"/> periods that holds rated calls, oldest first,
    /// with its loss-making calls cut to the few shown, so only reports, not calls, are held until the page is folded.</summary>
    private async Task<IReadOnlyList<(Account Account, PeriodReport Report)>> ReportsOfAsync(Account account, Instant now, SemaphoreSlim reading, CancellationToken cancellationToken)
    {
        var found = new List<(Account, PeriodReport)>();
        var current = account.Billing.PeriodContaining(now);
        for (var back = Months - 1; back >= 0; back--)
        {
            var period = BillingPeriod.Containing(current.Start.PlusMonths(-back), account.Billing.BillCycleDay);
            IReadOnlyList<RatedUsage> usage;
            await reading.WaitAsync(cancellationToken);
            try
            {
                usage = await ledger.ListAsync(account.Id, period, cancellationToken);
            }
            finally
            {
                reading.Release();
            }

            if (usage.Count > 0)
            {
                var report = MarginReport.Build(usage, account.Billing.Currency);
                found.Add((account, new PeriodReport(period, report with { LossMaking = [.. report.LossMaking.Take(LossesShown)] })));
            }
        }

        return found;
    }

    /// <summary>Two lines of the same label added: counts, minutes and amounts.</summary>
    public static MarginLine Add(MarginLine left, MarginLine right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new MarginLine(left.Label, left.Calls + right.Calls, left.Minutes + right.Minutes, left.Price + right.Price, left.Cost + right.Cost,
            left.Margin + right.Margin, left.CallsWithoutCost + right.CallsWithoutCost)
        {
            CallsWithExpectedCost = left.CallsWithExpectedCost + right.CallsWithExpectedCost,
        };
    }

    private sealed record PeriodReport(BillingPeriod Period, MarginReport Report);

    private sealed class Sums
    {
        private readonly SortedDictionary<string, MarginLine> byMonth = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, MarginLine> byLine = new(StringComparer.Ordinal);
        private readonly List<AccountLoss> losses = [];

        public void Add(string accountId, PeriodReport periodReport)
        {
            var (period, report) = periodReport;
            var month = period.Start.ToString("yyyy-MM", null);
            Fold(byMonth, report.Total with { Label = month });
            foreach (var line in report.Lines)
            {
                Fold(byLine, line);
            }

            // Kept to the worst few as it goes, so a period full of losses does not grow the list past what is shown.
            losses.AddRange(report.LossMaking.Select(c => new AccountLoss(accountId, period.Key, c)));
            losses.Sort((a, b) => a.Call.Margin != b.Call.Margin ? a.Call.Margin.CompareTo(b.Call.Margin) : string.CompareOrdinal(a.Call.EventId, b.Call.EventId));
            if (losses.Count > LossesShown)
            {
                losses.RemoveRange(LossesShown, losses.Count - LossesShown);
            }
        }

        public CurrencyMargin Of(string currency) => new(currency, [.. byMonth.Values], [.. byLine.Values], [.. losses]);

        private static void Fold(SortedDictionary<string, MarginLine> into, MarginLine line) =>
            into[line.Label] = into.TryGetValue(line.Label, out var sum) ? ConsoleMargins.Add(sum, line) : line;
    }
}
