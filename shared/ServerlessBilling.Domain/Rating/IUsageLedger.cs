using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Rated usage per account and period, one row per <see cref="EventIdentity"/> (event id and component apart).</summary>
/// <remarks>The ledger is where a close reads usage; that an event is billed once across accounts and periods is
/// <see cref="IEventIdentities"/>' promise, which rating checks before it records.</remarks>
public interface IUsageLedger
{
    /// <returns>False when the identity was already recorded in that account's period: it is not billed again.</returns>
    Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken);

    /// <summary>Records the call as <see cref="TryRecordAsync(RatedUsage, CancellationToken)"/> does, where the delivery that claimed it
    /// (<see cref="IdentityClaim.Delivery"/>) puts it: a store may keep a CDR batch's calls together. Every writer of a claimed call
    /// names the claim's delivery, so they all write the same place.</summary>
    /// <returns>False when the identity was already recorded there.</returns>
    Task<bool> TryRecordAsync(RatedUsage usage, string? delivery, CancellationToken cancellationToken) => TryRecordAsync(usage, cancellationToken);

    /// <summary>Records each row as <see cref="TryRecordAsync(RatedUsage, CancellationToken)"/> does; a store may write rows of one account's period together.</summary>
    /// <remarks>The rows' identities must differ. A batch that fails on a row already there is written again one by one, so each
    /// result is what <see cref="TryRecordAsync(RatedUsage, CancellationToken)"/> would have answered; a failure part-way leaves some written, as separate calls would.</remarks>
    /// <returns>For each row, in order: false when its identity was already recorded in that account's period.</returns>
    async Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken)
    {
        var results = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] = await TryRecordAsync(rows[i], cancellationToken);
        }

        return results;
    }

    /// <summary>Records each row as <see cref="TryRecordAsync(RatedUsage, string?, CancellationToken)"/> does with the delivery beside it.</summary>
    Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken) =>
        TryRecordAllAsync(rows, cancellationToken);

    /// <summary>Whether the identity is recorded in the account's period (a point read, for redeliveries after a close).</summary>
    /// <remarks>A call recorded with a delivery may not be found here (<see cref="ContainsAllAsync(string, BillingPeriod, IReadOnlyList{EventIdentity}, IReadOnlyList{string?}, CancellationToken)"/>
    /// finds it): this answers for calls billed before identities were claimed, which no claim answers for.</remarks>
    Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken);

    /// <summary>Whether each identity is recorded in the account's period, as <see cref="ContainsAsync"/> answers; a store may read
    /// them together (the duplicates of a redelivered message, one account period at a time).</summary>
    /// <returns>For each identity, in order: true when it is recorded in that account's period.</returns>
    async Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, CancellationToken cancellationToken)
    {
        var results = new bool[identities.Count];
        for (var i = 0; i < identities.Count; i++)
        {
            results[i] = await ContainsAsync(accountId, period, identities[i], cancellationToken);
        }

        return results;
    }

    /// <summary>As the other overload, for identities whose claims name these deliveries: each is looked for where its delivery put it, too.</summary>
    Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken) =>
        ContainsAllAsync(accountId, period, identities, cancellationToken);

    Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken);

    /// <summary>One page of the account's rated calls in <paramref name="period"/>, in the store's key order (event id, then component;
    /// a store that keeps a CDR batch's calls together lists them together, in that order among themselves).</summary>
    Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of the rows of every account and period (or of one account's periods), in key order; pass the returned token
    /// to read the next page.</summary>
    /// <remarks>For maintenance that must see every row (<see cref="IdentityBackfill"/>) without holding the ledger in memory. Rows
    /// written while the pages are read may or may not appear; none that was there before the first page is skipped. A page may hold
    /// fewer rows than asked, none at all, and still carry a token: read on until the token is null.</remarks>
    /// <param name="accountId">Only this account's rows (every period); null for every account.</param>
    /// <param name="continuationToken">Null for the first page; otherwise the token of the page before.</param>
    /// <param name="pageSize">At most this many rows (1 to 1,000).</param>
    Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>One page of the account periods holding rows from <paramref name="source"/> whose call started in <paramref name="month"/>
    /// (UTC), each once, in key order; pass the returned token to read the next page.</summary>
    /// <remarks>An index written once per source, month, account and period as rows are recorded (never per call), so a vendor's month
    /// is found without reading every account's rows. An index entry is written before its first row: a period listed may hold no row
    /// of the source after all (a write that failed between the two), never the other way round. Rows recorded before the index was
    /// kept are not listed until <see cref="SourceIndexBackfill"/> indexes them.</remarks>
    /// <param name="pageSize">At most this many periods (1 to 1,000).</param>
    Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Writes the index entry of <see cref="ListBilledPeriodsAsync"/> for the row's source, UTC month of its start, account and
    /// period, if it is not there; the row itself is neither read nor written.</summary>
    /// <remarks>For rows recorded before the index was kept (<see cref="SourceIndexBackfill"/>): recording, replacing and re-rating
    /// write the entry themselves. Insert-if-absent, so it may be repeated and may run while calls are recorded.</remarks>
    /// <returns>True when the entry was written now; false when it was there already.</returns>
    Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken);

    /// <summary>One page of the rows of one account period from <paramref name="source"/> whose call started in <paramref name="startedIn"/>
    /// (a vendor's month, in UTC), in key order; pass the returned token to read the next page.</summary>
    /// <remarks>A page may hold fewer rows than asked, none at all, and still have a next page: read on until the token is null.</remarks>
    /// <param name="startedIn">The start instant is included, the end is not.</param>
    /// <param name="pageSize">At most this many rows (1 to 1,000).</param>
    Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Writes this version of a call in place of the one recorded in its account period (re-rating an open period, a replacement
    /// chosen by a person), wherever it is kept; records it when it is not there.</summary>
    Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken);

    /// <summary>Replaces each row as <see cref="ReplaceAsync"/> does; a store may write the rows it keeps together at once.</summary>
    async Task ReplaceAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await ReplaceAsync(row, cancellationToken);
        }
    }

    /// <summary>Voids a recorded charge (an operator replaced it before the period's close); removing one not there does nothing.</summary>
    Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken);
}
