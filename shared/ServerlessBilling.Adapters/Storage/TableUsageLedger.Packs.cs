using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>The usage ledger's packs (<see cref="UsagePacks"/>): merged into, looked in, rewritten and read as calls.</summary>
public sealed partial class TableUsageLedger
{
    /// <summary>Writes at most this many times in a row against other writers of a pack before giving up.</summary>
    private const int PackAttempts = 20;

    /// <summary>Puts <paramref name="calls"/> in the pack <paramref name="key"/>: inserted when it is not there, otherwise written again
    /// with the calls it lacks, on the condition that it did not change since it was read (its ETag).</summary>
    /// <returns>For each call: true when it was written now, false when the pack held it already.</returns>
    private static async Task<bool[]> MergeAsync(TableClient usage, string partition, string key, IReadOnlyList<PackedCall> calls, CancellationToken cancellationToken)
    {
        var written = new bool[calls.Count];
        for (var attempt = 0; attempt < PackAttempts; attempt++)
        {
            try
            {
                await usage.AddEntityAsync(UsagePacks.Create(partition, key, calls), cancellationToken);
                Array.Fill(written, true);
                return written;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            var stored = await usage.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value is not { } pack)
            {
                continue; // emptied and deleted meanwhile: insert it again
            }

            var held = UsagePacks.Keys(pack).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < calls.Count; i++)
            {
                written[i] = !held.Contains(calls[i].Key);
            }

            if (!written.Contains(true))
            {
                return written;
            }

            try
            {
                var merged = UsagePacks.CallsOf(pack).Concat(calls.Where((_, i) => written[i]));
                await usage.UpdateEntityAsync(UsagePacks.Create(partition, key, merged), pack.ETag, TableUpdateMode.Replace, cancellationToken);
                return written;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }

        throw new InvalidOperationException($"The usage pack {partition}/{key} kept changing while calls were merged into it.");
    }

    /// <summary>Marks as found each identity held by the pack its delivery would have put it in: one point read of a pack's keys.</summary>
    private static async Task FindInPacksAsync(
        TableClient usage, string partition, IReadOnlyList<EventIdentity> identities, IReadOnlyList<string?> deliveries,
        System.Collections.Concurrent.ConcurrentDictionary<string, bool> found, CancellationToken cancellationToken)
    {
        var packs = identities
            .Select((identity, i) => (Key: EventIdentityKeys.Row(identity), Pack: UsagePacks.KeyOf(deliveries[i])))
            .Where(p => p.Pack is not null && !found.ContainsKey(p.Key))
            .Select(p => p.Pack!)
            .Distinct(StringComparer.Ordinal);
        await Task.WhenAll(packs.Select(async key =>
        {
            var pack = await usage.GetEntityIfExistsAsync<TableEntity>(partition, key, [UsagePacks.KeysProperty], cancellationToken);
            if (pack.HasValue && pack.Value is { } held)
            {
                foreach (var call in UsagePacks.Keys(held))
                {
                    found[call] = true;
                }
            }
        }));
    }

    /// <summary>Writes each pack of the partition that holds one of <paramref name="changes"/>' calls again: a call with a value takes
    /// its place, one with null is taken out (a pack left empty is deleted). Each pack is written on the condition that it did not
    /// change since it was read, and read again when it did.</summary>
    /// <remarks>The packs are found by reading the keys of all of the partition's packs: a call's pack follows from its claim, which
    /// a replacement has already moved on, so the ledger looks rather than asks. Replacing and voiding calls are rare.</remarks>
    /// <returns>The changes' keys held by no pack.</returns>
    private static async Task<HashSet<string>> RewritePacksAsync(
        TableClient usage, string partition, IReadOnlyDictionary<string, PackedCall?> changes, CancellationToken cancellationToken)
    {
        var unpacked = new HashSet<string>(changes.Keys, StringComparer.Ordinal);
        var holding = new List<string>();
        await foreach (var pack in usage.QueryAsync<TableEntity>(UsagePacks.PacksOf(partition), select: ["RowKey", UsagePacks.KeysProperty], cancellationToken: cancellationToken))
        {
            var keys = UsagePacks.Keys(pack);
            if (keys.Any(changes.ContainsKey))
            {
                holding.Add(pack.RowKey);
                unpacked.ExceptWith(keys);
            }
        }

        foreach (var key in holding)
        {
            await RewriteAsync(usage, partition, key, changes, cancellationToken);
        }

        return unpacked;
    }

    private static async Task RewriteAsync(TableClient usage, string partition, string key, IReadOnlyDictionary<string, PackedCall?> changes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < PackAttempts; attempt++)
        {
            var stored = await usage.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value is not { } pack)
            {
                return;
            }

            var calls = UsagePacks.CallsOf(pack).Select(c => changes.TryGetValue(c.Key, out var change) ? change : c).OfType<PackedCall>().ToList();
            try
            {
                if (calls.Count == 0)
                {
                    await usage.DeleteEntityAsync(partition, key, pack.ETag, cancellationToken);
                }
                else
                {
                    await usage.UpdateEntityAsync(UsagePacks.Create(partition, key, calls), pack.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }

        throw new InvalidOperationException($"The usage pack {partition}/{key} kept changing while it was written again.");
    }

    /// <summary>A period's rows in key order: twenty a request while they may be packs (a thousand calls, as many as a thousand rows
    /// of one call each), a thousand once the read is past the packs' keys.</summary>
    /// <remarks>A page of a thousand packs is fifty thousand calls' documents held at once: a 200,000-call period of packs closed at
    /// a 558 MiB peak working set that way, 240 MiB twenty at a time (docs/performance.md, "One account with a long period"). The
    /// packs' keys (<c>%7E…</c>) sort before most identities' (escaped ids begin with a letter or digit), and the first request asks
    /// for a hundred, so a period of at most a hundred rows is still read in one.</remarks>
    private static async IAsyncEnumerable<TableEntity> PeriodRowsAsync(TableClient usage, string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int FirstPage = 100;
        const int PackRowsAPage = 20;
        const int RowsAPage = 1000;
        var filter = TablePaging.Partition(partition);
        var wanted = FirstPage;
        string? token = null;
        do
        {
            (var rows, token) = await TablePaging.OneRequestAsync(usage, filter, token, wanted, cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            wanted = rows.Count > 0 && string.CompareOrdinal(rows[^1].RowKey, UsagePacks.KeysAfter) >= 0 ? RowsAPage : PackRowsAPage;
        }
        while (token is not null);
    }

    /// <summary>The calls' documents of rows read in key order: a row's own, or each of a pack's.</summary>
    private static async IAsyncEnumerable<string> DocumentsAsync(IAsyncEnumerable<TableEntity> rows, StrongBox<bool> packed)
    {
        await foreach (var row in rows)
        {
            if (UsagePacks.IsPack(row))
            {
                packed.Value = true;
                foreach (var document in UsagePacks.Documents(row))
                {
                    yield return document;
                }
            }
            else
            {
                yield return row.GetString(JsonDocumentEntity.DocumentProperty);
            }
        }
    }
}
