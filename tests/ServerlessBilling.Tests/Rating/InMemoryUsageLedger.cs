using System.Collections.Concurrent;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The usage ledger in memory, keyed as the table is: account, period, event id.</summary>
public sealed class InMemoryUsageLedger : IUsageLedger
{
    private readonly ConcurrentDictionary<(string Account, string Period, string Event), RatedUsage> rows = new();

    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
        Task.FromResult(rows.TryAdd((usage.AccountId, usage.PeriodKey, usage.Event.EventId), usage));

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(rows.ContainsKey((accountId, period.Key, eventId)));

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RatedUsage>>([.. rows.Where(r => r.Key.Account == accountId && r.Key.Period == period.Key).Select(r => r.Value)]);

    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken)
    {
        rows[(usage.AccountId, usage.PeriodKey, usage.Event.EventId)] = usage;
        return Task.CompletedTask;
    }
}
