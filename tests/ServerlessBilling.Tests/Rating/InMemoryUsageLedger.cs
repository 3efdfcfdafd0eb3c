using System.Collections.Concurrent;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The usage ledger in memory, keyed as the table is: account, period, event identity.</summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly ConcurrentDictionary<(string Account, string Period, EventIdentity Identity), RatedUsage> rows = new();

    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
        Task.FromResult(rows.TryAdd(Key(usage), usage));

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ContainsKey((accountId, period.Key, identity)));

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RatedUsage>>([.. rows.Where(r => r.Key.Account == accountId && r.Key.Period == period.Key).Select(r => r.Value)]);

    /// <summary>Replaces a recorded event; like the table, throws for an event never recorded rather than adding it.</summary>
    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken)
    {
        if (!rows.TryGetValue(Key(usage), out var recorded) || !rows.TryUpdate(Key(usage), usage, recorded))
        {
            throw new KeyNotFoundException($"Event '{usage.Event.EventId}' is not recorded for {usage.AccountId} in {usage.PeriodKey}.");
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken)
    {
        rows.TryRemove((accountId, periodKey, identity), out _);
        return Task.CompletedTask;
    }

    /// <summary>Every row of every account and period, for tests that check nothing was billed twice anywhere.</summary>
    public IReadOnlyList<RatedUsage> All => [.. rows.Values];

    private static (string, string, EventIdentity) Key(RatedUsage usage) => (usage.AccountId, usage.PeriodKey, usage.Event.Identity);
}
