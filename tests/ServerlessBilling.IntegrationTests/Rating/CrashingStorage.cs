using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Counts the writes that make a call billed (identity claims and usage rows) and fails the one it is armed for: before it
/// reaches storage (the request never arrived) or after (the write landed and the answer was lost), as a crash between steps would.</summary>
public sealed class CrashSwitch
{
    private int writes;
    private int failAt;
    private bool afterWrite;

    public void Arm(int write, bool after) => (writes, failAt, afterWrite) = (0, write, after);

    public void Disarm() => failAt = 0;

    public async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        var crash = failAt > 0 && ++writes == failAt;
        if (crash && !afterWrite)
        {
            throw new IOException("storage unavailable before the write");
        }

        var result = await write();
        return crash ? throw new IOException("connection lost after the write") : result;
    }
}

/// <summary>The real usage ledger behind a <see cref="CrashSwitch"/>.</summary>
public sealed class CrashingUsageLedger(IUsageLedger inner, CrashSwitch crash) : IUsageLedger
{
    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryRecordAsync(usage, cancellationToken));

    public Task<bool> TryRecordAsync(RatedUsage usage, string? delivery, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryRecordAsync(usage, delivery, cancellationToken));

    /// <summary>A batch is one write: its transactions land or not as one step of the schedule.</summary>
    public Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryRecordAllAsync(rows, cancellationToken));

    /// <summary>A batch is one write, packs and rows alike.</summary>
    public Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryRecordAllAsync(rows, deliveries, cancellationToken));

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) =>
        inner.ContainsAsync(accountId, period, identity, cancellationToken);

    public Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, CancellationToken cancellationToken) =>
        inner.ContainsAllAsync(accountId, period, identities, cancellationToken);

    public Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken) =>
        inner.ContainsAllAsync(accountId, period, identities, deliveries, cancellationToken);

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        inner.ListAsync(accountId, period, cancellationToken);

    public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListPageAsync(accountId, continuationToken, pageSize, cancellationToken);

    public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListAsync(accountId, period, page, cancellationToken);

    public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListBilledPeriodsAsync(source, month, continuationToken, pageSize, cancellationToken);

    public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListBySourceAsync(period, source, startedIn, continuationToken, pageSize, cancellationToken);

    public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryIndexSourceAsync(usage, cancellationToken));

    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.ReplaceAsync(usage, cancellationToken);

    public Task ReplaceAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken) => inner.ReplaceAllAsync(rows, cancellationToken);

    public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) =>
        inner.RemoveAsync(accountId, periodKey, identity, cancellationToken);
}

/// <summary>The real event identities behind a <see cref="CrashSwitch"/>.</summary>
public sealed class CrashingEventIdentities(IEventIdentities inner, CrashSwitch crash) : IEventIdentities
{
    public Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryClaimAsync(claim, cancellationToken));

    /// <summary>A batch is one write: its transactions land or not as one step of the schedule.</summary>
    public Task<IReadOnlyList<IdentityClaim?>> TryClaimAllAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken) =>
        crash.WriteAsync(() => inner.TryClaimAllAsync(claims, cancellationToken));

    public Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken) => inner.FindAsync(identity, cancellationToken);

    public Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken) => inner.ReplaceAsync(claim, cancellationToken);
}
