using System.Globalization;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>The usage ledger <c>reconcile-bench</c> scans, generated from call numbers: the statement's calls <c>0..rows-1</c> billed to
/// <c>acct-{n mod accounts}</c> (but those the statement has and we never received, every hundredth), and one in a hundred more calls
/// the statement does not list, billed to ten accounts of their own (accounts all of whose calls are missing).</summary>
internal sealed class ReconcileBenchLedger(long rows) : IUsageLedger
{
    private const int MissingAccounts = 10;

    private readonly int accounts = (int)Math.Min(1000, Math.Max(1, rows));
    private readonly long unlisted = rows / 100;

    /// <summary>The first call's start; call <c>n</c> starts <c>n mod 2,500,000</c> seconds later, still in November.</summary>
    public static Instant Start { get; } = Instant.FromUtc(2026, 11, 1, 0, 0);

    /// <summary>Call <c>n</c> as a statement row or ledger row names it.</summary>
    public static string Sid(long n) => string.Create(CultureInfo.InvariantCulture, $"CA{n:D32}");

    public static (Instant At, int Seconds) Timing(long n) => (Start.Plus(Duration.FromSeconds(n % 2_500_000)), 1 + (int)(n % 600));

    /// <summary>A call as rating would have billed it: per minute at 0.02, its expected cost per minute at 0.0085 (per second for every
    /// hundredth-plus-one call, whose vendor increment changed).</summary>
    public static RatedUsage Rated(string sid, Instant at, int seconds, string account)
    {
        var n = long.Parse(sid.AsSpan(2), CultureInfo.InvariantCulture);
        var billable = n % 100 == 1 ? seconds : (int)Math.Ceiling(seconds / 60m) * 60;
        var cost = new ExpectedCost(new Money(billable * 0.0085m / 60m, "USD"), "cost-twilio-voice", "2026-10-01", "Telephony Inbound Local", billable, 0.0085m);
        var usage = new UsageEvent($"twilio-{sid}", "twilio", sid, at, seconds, CallDirection.Inbound, "+13035550900", "+14155230101", UsageComponent.Telephony, true);
        return new RatedUsage(usage, account, "2026-11-01", new Charge(billable, new Money(Math.Round(billable * 0.02m / 60m, 6), "USD"), 0.02m, "sell", "2026-01-01") { ExpectedCost = cost });
    }

    /// <summary>Whether the statement lists the call of this event id.</summary>
    public bool Listed(string eventId) => long.Parse(eventId.AsSpan("twilio-CA".Length), CultureInfo.InvariantCulture) < rows;

    public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var all = Enumerable.Range(0, accounts).Select(a => $"acct-{a}").Concat(Enumerable.Range(0, unlisted > 0 ? MissingAccounts : 0).Select(m => $"missing-{m}"));
        var from = continuationToken is null ? 0 : int.Parse(continuationToken, CultureInfo.InvariantCulture);
        var page = all.Skip(from).Take(pageSize).Select(a => new BilledPeriod(a, "2026-11-01")).ToList();
        var more = from + page.Count < accounts + (unlisted > 0 ? MissingAccounts : 0);
        return Task.FromResult(new ListPage<BilledPeriod>(page, more ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : null));
    }

    public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var missing = period.AccountId.StartsWith("missing-", StringComparison.Ordinal);
        var index = int.Parse(period.AccountId.AsSpan(period.AccountId.IndexOf('-') + 1), CultureInfo.InvariantCulture);
        var (first, step, end) = missing ? (rows + index, (long)MissingAccounts, rows + unlisted) : (index, (long)accounts, rows);
        var n = continuationToken is null ? first : long.Parse(continuationToken, CultureInfo.InvariantCulture);
        var page = new List<RatedUsage>(pageSize);
        for (; n < end && page.Count < pageSize; n += step)
        {
            if (!missing && n % 100 == 0)
            {
                continue;
            }

            var (at, seconds) = Timing(n);
            page.Add(Rated(Sid(n), at, seconds, period.AccountId));
        }

        return Task.FromResult(new UsagePage(page, n < end ? n.ToString(CultureInfo.InvariantCulture) : null));
    }

    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) => throw new NotSupportedException();
}
