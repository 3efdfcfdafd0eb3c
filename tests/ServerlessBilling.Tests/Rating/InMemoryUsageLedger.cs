using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The usage ledger in memory, keyed as the table is: account, period, event identity.</summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly ConcurrentDictionary<(string Account, string Period, EventIdentity Identity), RatedUsage> rows = new();
    private readonly ConcurrentDictionary<(string Source, YearMonth Month, BilledPeriod Period), byte> indexed = new();

    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken)
    {
        Index(usage);
        return Task.FromResult(rows.TryAdd(Key(usage), usage));
    }

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ContainsKey((accountId, period.Key, identity)));

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RatedUsage>>([.. rows.Where(r => r.Key.Account == accountId && r.Key.Period == period.Key).Select(r => r.Value)]);

    /// <summary>Pages in the table's row order: event id, then component.</summary>
    public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(
            rows.Where(r => r.Key.Account == accountId && r.Key.Period == period.Key).Select(r => r.Value),
            r => r.Event.EventId + "|" + r.Event.Identity.Component.ToString().ToLowerInvariant(),
            page);

    /// <summary>Pages in key order; the token is the key of the last row returned, so rows added meanwhile do not shift a page.</summary>
    public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var ordered = rows.Where(r => accountId is null || r.Key.Account == accountId).Select(r => (Key: OrderKey(r.Key), r.Value)).Where(r => continuationToken is null || string.CompareOrdinal(r.Key, continuationToken) > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var page = ordered.Take(pageSize).ToList();
        return Task.FromResult(new UsagePage([.. page.Select(r => r.Value)], ordered.Count > pageSize ? page[^1].Key : null));
    }

    /// <summary>The account periods holding rows of the source started in the month (UTC), in key order; the token is the key of the
    /// last period returned. Like the table's index, an entry stays when its rows are removed.</summary>
    public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var ordered = indexed.Keys.Where(e => e.Source == source && e.Month == month).Select(e => e.Period).Distinct()
            .Select(p => (Key: p.AccountId + '\u0001' + p.PeriodKey, Period: p)).Where(p => continuationToken is null || string.CompareOrdinal(p.Key, continuationToken) > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var page = ordered.Take(pageSize).ToList();
        return Task.FromResult(new ListPage<BilledPeriod>([.. page.Select(p => p.Period)], ordered.Count > pageSize ? page[^1].Key : null));
    }

    /// <summary>Pages in key order over the period's rows of the source started in the interval, with the same token as <see cref="ListPageAsync"/>.</summary>
    public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var ordered = rows.Where(r => r.Key.Account == period.AccountId && r.Key.Period == period.PeriodKey)
            .Where(r => r.Value.Event.Source == source && startedIn.Contains(r.Value.Event.StartedAt))
            .Select(r => (Key: OrderKey(r.Key), r.Value)).Where(r => continuationToken is null || string.CompareOrdinal(r.Key, continuationToken) > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var page = ordered.Take(pageSize).ToList();
        return Task.FromResult(new UsagePage([.. page.Select(r => r.Value)], ordered.Count > pageSize ? page[^1].Key : null));
    }

    /// <summary>Replaces a recorded event, or records it, as the table does.</summary>
    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken)
    {
        Index(usage);
        rows[Key(usage)] = usage;
        return Task.CompletedTask;
    }

    public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => Task.FromResult(Index(usage));

    /// <summary>Records a row as the ledger did before it kept its index of sources: the row without its index entry.</summary>
    /// <returns>False when the identity was already recorded in that account's period.</returns>
    public bool RecordUnindexed(RatedUsage usage) => rows.TryAdd(Key(usage), usage);

    public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken)
    {
        rows.TryRemove((accountId, periodKey, identity), out _);
        return Task.CompletedTask;
    }

    /// <summary>Every row of every account and period, for tests that check nothing was billed twice anywhere.</summary>
    public IReadOnlyList<RatedUsage> All => [.. rows.Values];

    private bool Index(RatedUsage usage)
    {
        var start = usage.Event.StartedAt.InUtc().Date;
        return indexed.TryAdd((usage.Event.Source, new YearMonth(start.Year, start.Month), new BilledPeriod(usage.AccountId, usage.PeriodKey)), 0);
    }

    private static string OrderKey((string Account, string Period, EventIdentity Identity) key) =>
        string.Join('\u0001', key.Account, key.Period, key.Identity.EventId, key.Identity.Component);

    private static (string, string, EventIdentity) Key(RatedUsage usage) => (usage.AccountId, usage.PeriodKey, usage.Event.Identity);
}
