using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Event identities in <c>EventIdentities</c> (or spread over <see cref="LedgerTables"/> by bucket): partition = a hash bucket
/// of the event id, row = event id and component (<see cref="EventIdentityKeys"/>); insert-if-absent is the claim.</summary>
/// <param name="ledger">The tables the claims are spread over; null for <c>EventIdentities</c> alone.</param>
public sealed class TableEventIdentities(TableServiceClient tables, WritePriority? priority = null, LedgerTables? ledger = null) : IEventIdentities
{
    private readonly LedgerTables layout = ledger ?? LedgerTables.Single;
    private readonly TableClient[] identities = [.. (ledger ?? LedgerTables.Single).ClaimsTables.Select(tables.GetTableClient)];
    private readonly TableInsertBatches? batches = TableInsertBatches.For(tables);

    private TableClient TableOf(EventIdentity identity) => identities[layout.ClaimsTableOf(identity)];

    public async Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await TableOf(claim.Identity).AddEntityAsync(Row(claim), cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(claim.Identity, cancellationToken)
                ?? throw new InvalidOperationException($"The identity {claim.Identity} was claimed and is gone: claims are never deleted.");
        }
    }

    /// <summary>Claims that share a bucket are inserted in one transaction (up to 100). A transaction refused because one of its
    /// identities is claimed already reads the claims of its identities with one query per 14 of them, not a read per identity; the
    /// identities it did not find are claimed again, together. Many identities of one bucket are read with a range query first
    /// (<see cref="TableRowReads"/>).</summary>
    /// <remarks>The claims of a message spread over up to 16 buckets, and every insert into a bucket whose claim is there already is
    /// a request spent before the read that answers (a re-dropped file finds every claim there). So the largest bucket goes first,
    /// alone: when it finds none claimed, the other buckets are inserted at once, as before; when it finds one, the message is
    /// being delivered again, and the other buckets are read first and only the identities not found are inserted. Reading first
    /// changes the cost, never the answer: a claim found is never deleted, and a claim not found is still taken by insert-if-absent,
    /// which answers for it as <see cref="TryClaimAsync"/> would.</remarks>
    public async Task<IReadOnlyList<IdentityClaim?>> TryClaimAllAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken)
    {
        var results = new IdentityClaim?[claims.Count];
        var buckets = Enumerable.Range(0, claims.Count)
            .GroupBy(i => (Table: layout.ClaimsTableOf(claims[i].Identity), Partition: EventIdentityKeys.Partition(claims[i].Identity)))
            .Select(bucket => bucket.ToArray())
            .OrderByDescending(bucket => bucket.Length)
            .ToList();
        if (buckets.Count == 0)
        {
            return results;
        }

        Answer(buckets[0], await InsertFirstAsync(buckets[0]));
        var redelivered = buckets[0].Any(i => results[i] is not null);
        var rest = buckets.Skip(1).ToList();
        if (redelivered)
        {
            await Task.WhenAll(rest.Select(async bucket => Answer(bucket, await ReadFirstAsync([.. bucket.Select(i => claims[i])], cancellationToken))));
        }
        else if (rest.Count > 0)
        {
            var others = rest.SelectMany(bucket => bucket).ToArray();
            Answer(others, await InsertFirstAsync(others));
        }

        return results;

        Task<IdentityClaim?[]> InsertFirstAsync(int[] indexes) =>
            TableGroupInserts.InsertAllAsync<IdentityClaim?>(
                k => TableOf(claims[indexes[k]].Identity), indexes.Select(i => Row(claims[i])).ToList(), inserted: null, k => TryClaimAsync(claims[indexes[k]], cancellationToken), cancellationToken,
                refused: chunk => ReadFirstAsync(chunk.Select(k => claims[indexes[k]]).ToList(), cancellationToken), priority, batches);

        void Answer(int[] indexes, IdentityClaim?[] answers)
        {
            for (var k = 0; k < indexes.Length; k++)
            {
                results[indexes[k]] = answers[k];
            }
        }
    }

    /// <summary>Answers for claims of one bucket by reading first (a refused transaction, or a message delivered again): a claim found
    /// is the one there first (claims are never deleted, so it stays); one not found may be claimed by another delivery meanwhile,
    /// so it is inserted, which answers for it as <see cref="TryClaimAsync"/> would.</summary>
    private async Task<IdentityClaim?[]> ReadFirstAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken)
    {
        var table = TableOf(claims[0].Identity);
        var found = await ReadClaimsAsync(table, EventIdentityKeys.Partition(claims[0].Identity), claims.Select(c => EventIdentityKeys.Row(c.Identity)), cancellationToken);
        var results = new IdentityClaim?[claims.Count];
        var missing = new List<int>();
        for (var k = 0; k < claims.Count; k++)
        {
            if (found.TryGetValue(EventIdentityKeys.Row(claims[k].Identity), out var claim))
            {
                results[k] = claim;
            }
            else
            {
                missing.Add(k);
            }
        }

        var claimed = await TableGroupInserts.InsertAllAsync<IdentityClaim?>(
            table, missing.Select(k => Row(claims[k])).ToList(), inserted: null, j => TryClaimAsync(claims[missing[j]], cancellationToken), cancellationToken,
            priority: priority, batches: batches);
        for (var j = 0; j < missing.Count; j++)
        {
            results[missing[j]] = claimed[j];
        }

        return results;
    }

    private static async Task<Dictionary<string, IdentityClaim>> ReadClaimsAsync(TableClient identities, string partition, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, IdentityClaim>(StringComparer.Ordinal);
        await TableRowReads.ReadAsync(identities, partition, rowKeys, select: null, entity => found[entity.RowKey] = Read(entity), cancellationToken);
        return new Dictionary<string, IdentityClaim>(found, StringComparer.Ordinal);
    }

    public async Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken)
    {
        var row = await TableOf(identity).GetEntityIfExistsAsync<TableEntity>(
            EventIdentityKeys.Partition(identity), EventIdentityKeys.Row(identity), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? Read(entity) : null;
    }

    private static IdentityClaim Read(TableEntity entity) => new(JsonDocumentEntity.Read<RatedUsage>(entity), entity.GetString("Delivery"));

    public async Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken) =>
        await TableOf(claim.Identity).UpdateEntityAsync(Row(claim), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The whole billed version as JSON (what a conflict is compared with) and the delivery that claimed it.</summary>
    /// <remarks>Rows written before also carry <c>EventId</c>, <c>Component</c>, <c>AccountId</c> and <c>PeriodKey</c> columns for a
    /// person browsing the table; nothing reads them (the key and the document say the same), and every column of every claim is
    /// parsed, stored and sent again on a re-drop, so new rows leave them out.</remarks>
    private static TableEntity Row(IdentityClaim claim)
    {
        var row = JsonDocumentEntity.Create(EventIdentityKeys.Partition(claim.Identity), EventIdentityKeys.Row(claim.Identity), claim.Billed, LedgerDocumentJson.Options);
        row["Delivery"] = claim.Delivery;
        return row;
    }
}
