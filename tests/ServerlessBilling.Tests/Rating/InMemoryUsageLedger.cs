using System.Collections.Concurrent;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The usage ledger in memory, keyed as the table is: account, period, event id.</summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly ConcurrentDictionary<(string Account, string Period, string Event), RatedUsage> rows = new();

    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
        Task.FromResult(rows.TryAdd(Key(usage), usage));

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ContainsKey((accountId, period.Key, eventId)));

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

    private static (string, string, string) Key(RatedUsage usage) => (usage.AccountId, usage.PeriodKey, usage.Event.EventId);
}
