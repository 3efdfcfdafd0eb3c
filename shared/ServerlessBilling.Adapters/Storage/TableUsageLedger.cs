using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Rated usage in <c>Usage</c>: partition = account + period (what a close reads), row = event id and component
/// (<see cref="EventIdentityKeys.Row"/>; insert-if-absent keeps one per account and period, <see cref="TableEventIdentities"/> one in all).</summary>
/// <remarks><para>Rows written before identities were kept are keyed by the escaped event id alone (a split-off component by
/// <c>{id}-{component}</c>); <see cref="ContainsAsync"/> still finds those, so a redelivery of an event billed then is not placed again.</para>
/// <para>With several <see cref="LedgerTables"/>, all of an account's rows are in the table of its id (<see cref="LedgerTables.UsageTableOf"/>).</para></remarks>
/// <param name="spoolAbove">A period with more rows is listed from a <see cref="UsageSpool"/> in call order, not held in memory.</param>
/// <param name="ledger">The tables the rows are spread over; null for <c>Usage</c> alone.</param>
public sealed partial class TableUsageLedger(TableServiceClient tables, int spoolAbove = UsageSpool.RunRows, WritePriority? priority = null, LedgerTables? ledger = null) : IUsageLedger
{
    private readonly LedgerTables layout = ledger ?? LedgerTables.Single;
    private readonly TableClient[] usageTables = [.. (ledger ?? LedgerTables.Single).UsageTables.Select(tables.GetTableClient)];
    private readonly UsageSourceIndex sources = new(tables);
    private readonly TableInsertBatches? batches = TableInsertBatches.For(tables);

    public Task<bool> TryRecordAsync(RatedUsage rated, CancellationToken cancellationToken) => TryRecordAsync(rated, delivery: null, cancellationToken);

    /// <remarks>A call of a CDR batch goes into its pack (<see cref="UsagePacks"/>), any other into a row of its own.</remarks>
    public async Task<bool> TryRecordAsync(RatedUsage rated, string? delivery, CancellationToken cancellationToken)
    {
        // The index entry first: a crash between the two leaves an entry whose period holds no such row, which a reader skips.
        await sources.EnsureAsync(rated, cancellationToken);
        var document = Document(rated);
        if (UsagePacks.KeyOf(delivery, document.Length) is { } pack)
        {
            return (await MergeAsync(TableOf(rated.AccountId), Partition(rated.AccountId, rated.PeriodKey), pack, [PackedCall.Of(rated, document)], cancellationToken))[0];
        }

        try
        {
            await TableOf(rated.AccountId).AddEntityAsync(Row(rated, document), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken) =>
        TryRecordAllAsync(rows, new string?[rows.Count], cancellationToken);

    /// <summary>Rows of one account's period are inserted in one transaction (up to 100); a transaction refused because one of its
    /// rows is there already is written again one row at a time. The calls of a CDR batch are written as packs, a few packs a
    /// transaction, and a pack found there already takes the calls it lacks (<see cref="MergeAsync"/>). The rows' index entries are
    /// written first, as for one row.</summary>
    public async Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken)
    {
        foreach (var rated in rows)
        {
            await sources.EnsureAsync(rated, cancellationToken);
        }

        var documents = rows.Select(Document).ToArray();
        var packs = rows.Select((_, i) => UsagePacks.KeyOf(deliveries[i], documents[i].Length)).ToArray();
        var results = new bool[rows.Count];
        var alone = Enumerable.Range(0, rows.Count).Where(i => packs[i] is null).ToArray();
        var written = await TableGroupInserts.InsertAllAsync(
            k => TableOf(rows[alone[k]].AccountId), alone.Select(i => Row(rows[i], documents[i])).ToList(), inserted: true,
            k => TryRecordAsync(rows[alone[k]], cancellationToken), cancellationToken, priority: priority, batches: batches);
        for (var k = 0; k < alone.Length; k++)
        {
            results[alone[k]] = written[k];
        }

        var packed = Enumerable.Range(0, rows.Count).Where(i => packs[i] is not null)
            .GroupBy(i => (rows[i].AccountId, Partition: Partition(rows[i].AccountId, rows[i].PeriodKey), Key: packs[i]!))
            .Select(pack => (pack.Key, Members: pack.ToArray(), Calls: pack.Select(i => PackedCall.Of(rows[i], documents[i])).ToArray()))
            .ToList();
        var merged = await TableGroupInserts.InsertAllAsync<bool[]?>(
            k => TableOf(packed[k].Key.AccountId), packed.Select(p => UsagePacks.Create(p.Key.Partition, p.Key.Key, p.Calls)).ToList(), inserted: null,
            k => MergeAsync(TableOf(packed[k].Key.AccountId), packed[k].Key.Partition, packed[k].Key.Key, packed[k].Calls, cancellationToken)!,
            cancellationToken, priority: priority, batches: batches, bytesOf: k => packed[k].Calls.Sum(c => (long)Encoding.UTF8.GetByteCount(c.Document) + c.Key.Length + 1));
        for (var k = 0; k < packed.Count; k++)
        {
            for (var j = 0; j < packed[k].Members.Length; j++)
            {
                results[packed[k].Members[j]] = merged[k]?[j] ?? true;
            }
        }

        return results;
    }

    public async Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, period.Key);
        var usage = TableOf(accountId);
        return (await usage.GetEntityIfExistsAsync<TableEntity>(partition, EventIdentityKeys.Row(identity), ["PartitionKey"], cancellationToken)).HasValue
            || await ContainsLegacyAsync(usage, partition, identity, cancellationToken);
    }

    /// <summary>Reads the period's rows of the identities with one query per 14 of them (keys only), or a range query when they are many
    /// (<see cref="TableRowReads"/>), instead of a read per identity:
    /// a redelivered message's duplicates are checked at once. An identity not found under its key is looked for under the keys of
    /// rows written before identities were kept, one at a time, as <see cref="ContainsAsync"/> does (only a claim whose row was
    /// lost, or a row that old, gets there).</summary>
    public Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, CancellationToken cancellationToken) =>
        ContainsAllAsync(accountId, period, identities, new string?[identities.Count], cancellationToken);

    /// <remarks>An identity whose claim names a CDR batch is looked for in the pack it would be in, too: one point read a pack.</remarks>
    public async Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, period.Key);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var usage = TableOf(accountId);
        await TableRowReads.ReadAsync(
            usage, partition, identities.Select(EventIdentityKeys.Row), ["PartitionKey", "RowKey"], entity => found[entity.RowKey] = true, cancellationToken);
        await FindInPacksAsync(usage, partition, identities, deliveries, found, cancellationToken);

        var results = new bool[identities.Count];
        for (var i = 0; i < identities.Count; i++)
        {
            results[i] = found.ContainsKey(EventIdentityKeys.Row(identities[i])) || await ContainsLegacyAsync(usage, partition, identities[i], cancellationToken);
        }

        return results;
    }

    private static async Task<bool> ContainsLegacyAsync(TableClient usage, string partition, EventIdentity identity, CancellationToken cancellationToken) =>
        await LegacyKeyAsync(usage, partition, identity, cancellationToken) is not null;

    /// <summary>The key of the identity's row written before identities were kept, if it has one.</summary>
    private static async Task<string?> LegacyKeyAsync(TableClient usage, string partition, EventIdentity identity, CancellationToken cancellationToken)
    {
        string[] legacyKeys = [TableKeys.Escape(identity.EventId), TableKeys.Escape($"{identity.EventId}-{identity.Component.ToString().ToLowerInvariant()}")];
        foreach (var legacy in legacyKeys)
        {
            var row = await usage.GetEntityIfExistsAsync<TableEntity>(partition, legacy, cancellationToken: cancellationToken);
            if (row.HasValue && row.Value is { } entity && JsonDocumentEntity.Read<RatedUsage>(entity).Event.Identity == identity)
            {
                return legacy;
            }
        }

        return null;
    }

    /// <remarks>A page holds at most the limit of calls, a pack's calls counted one by one (<see cref="UsagePages"/>).</remarks>
    public async Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page.Limit, 1000);
        var pages = new UsagePages(TableOf(accountId), TablePaging.Partition(Partition(accountId, period.Key)), manyPartitions: false);
        var (calls, next) = await pages.ReadAsync(page.ContinuationToken, page.Limit, cancellationToken);
        return new ListPage<RatedUsage>(calls, next);
    }

    /// <remarks>A period of more than <c>spoolAbove</c> rows comes back as an <see cref="ICallOrderedUsage"/> read from a temporary
    /// file as it is enumerated (dispose it when done); a shorter one as a list in key order.</remarks>
    public async Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, period.Key);
        var packed = new StrongBox<bool>();
        var usage = await UsageSpool.ReadAsync(
            DocumentsAsync(PeriodRowsAsync(TableOf(accountId), partition, cancellationToken), packed), spoolAbove, cancellationToken);
        // A short period comes back in key order, as when every call had a row of its own.
        return packed.Value && usage is not ICallOrderedUsage
            ? [.. usage.OrderBy(r => EventIdentityKeys.Row(r.Event.Identity), StringComparer.Ordinal)]
            : usage;
    }

    public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        sources.ListAsync(source, month, continuationToken, pageSize, cancellationToken);

    /// <remarks>One partition read with a filter on the <c>Source</c> and <c>StartedAt</c> columns every row carries; a pack is read
    /// when the range of its calls' starts (<c>StartedAt</c> to <c>LastStartedAt</c>) meets the interval, and lists those of its calls
    /// that are the source's and started in it.</remarks>
    public async Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var (start, end) = (startedIn.Start.ToDateTimeOffset(), startedIn.End.ToDateTimeOffset());
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(period.AccountId, period.PeriodKey)} and Source eq {source} and StartedAt lt {end} and (StartedAt ge {start} or (RowKey ge {UsagePacks.KeyPrefix} and RowKey lt {UsagePacks.KeysAfter} and LastStartedAt ge {start}))");
        var pages = new UsagePages(TableOf(period.AccountId), filter, manyPartitions: false)
        {
            KeepPacked = call => call.Event.Source == source && startedIn.Contains(call.Event.StartedAt),
        };
        var (calls, next) = await pages.ReadAsync(continuationToken, pageSize, cancellationToken);
        return new UsagePage(calls, next);
    }

    public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => sources.TryAddAsync(usage, cancellationToken);

    /// <remarks>In the pack that holds the call, or its own row (written when it has none).</remarks>
    public Task ReplaceAsync(RatedUsage rated, CancellationToken cancellationToken) => ReplaceAllAsync([rated], cancellationToken);

    /// <remarks>A pack is written once for all its calls replaced, with its ETag; the packs of a period are found with one read of
    /// their keys.</remarks>
    public async Task ReplaceAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken)
    {
        foreach (var rated in rows)
        {
            await sources.EnsureAsync(rated, cancellationToken);
        }

        foreach (var period in rows.GroupBy(r => (r.AccountId, r.PeriodKey)))
        {
            var usage = TableOf(period.Key.AccountId);
            var partition = Partition(period.Key.AccountId, period.Key.PeriodKey);
            var calls = period.Select(r => PackedCall.Of(r, Document(r))).ToList();
            var unpacked = await RewritePacksAsync(usage, partition, calls.ToDictionary(c => c.Key, PackedCall? (c) => c, StringComparer.Ordinal), cancellationToken);
            foreach (var (call, rated) in calls.Zip(period).Where(p => unpacked.Contains(p.First.Key)))
            {
                await ReplaceOwnRowAsync(usage, rated, call.Document, cancellationToken);
            }
        }
    }

    /// <summary>Writes a call held by no pack over its own row: the one under its key, or else one written before identities were kept
    /// (under that row's key, so the call is never in two rows), or a new one.</summary>
    private static async Task ReplaceOwnRowAsync(TableClient usage, RatedUsage rated, string document, CancellationToken cancellationToken)
    {
        var row = Row(rated, document);
        try
        {
            await usage.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        row.RowKey = await LegacyKeyAsync(usage, row.PartitionKey, rated.Event.Identity, cancellationToken) ?? row.RowKey;
        await usage.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <remarks>From the pack that holds it (a pack left empty is deleted) or its own row.</remarks>
    public async Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken)
    {
        var usage = TableOf(accountId);
        var partition = Partition(accountId, periodKey);
        var key = EventIdentityKeys.Row(identity);
        await RewritePacksAsync(usage, partition, new Dictionary<string, PackedCall?>(StringComparer.Ordinal) { [key] = null }, cancellationToken);
        await usage.DeleteEntityAsync(partition, key, ETag.All, cancellationToken);
    }

    /// <summary>The row: the whole record as JSON, plus the two columns queries filter on (a vendor's month by <c>StartedAt</c> and
    /// <c>Source</c>).</summary>
    /// <remarks>Rows written before also carried the event id, amount, cost, margin and prior period as columns for a person browsing the
    /// table. Nothing read them (the document says the same), and the emulator parses, indexes and stores every property of every row, so
    /// new rows leave them out; rows in the old shape are read as before (<c>TableUsageLedgerShapeTests</c>).</remarks>
    private static TableEntity Row(RatedUsage rated, string document) =>
        new(Partition(rated.AccountId, rated.PeriodKey), EventIdentityKeys.Row(rated.Event.Identity))
        {
            [JsonDocumentEntity.DocumentProperty] = document,
            ["StartedAt"] = rated.Event.StartedAt.ToDateTimeOffset(),
            ["Source"] = rated.Event.Source,
        };

    private static string Document(RatedUsage rated) => JsonSerializer.Serialize(rated, LedgerDocumentJson.Options);

    private TableClient TableOf(string accountId) => usageTables[layout.UsageTableOf(accountId)];

    private static string Partition(string accountId, string periodKey) => TableKeys.Escape($"{accountId}|{periodKey}");
}
