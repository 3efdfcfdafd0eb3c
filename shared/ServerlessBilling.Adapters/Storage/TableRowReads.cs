using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Reads the rows of many keys of one partition in few requests: a range query first when the keys are many, then queries
/// naming up to 14 keys each for what the range did not reach.</summary>
/// <remarks>Table storage takes at most 15 comparisons in a filter (one is the partition), so naming keys costs a request per 14. A
/// whole CDR window read again names hundreds of keys in a bucket or an account period, and its keys are often close together (an
/// Asterisk <c>uniqueid</c> starts with the call's time): one query from the least key to the greatest then returns them in a page or
/// two of 1,000 rows. Where the keys are spread (random ids in a large partition) the range reads rows nobody asked for, so it stops
/// after a third of the pages the key queries would cost, and the keys past the last row it returned are read by key, as before:
/// at worst a third more requests, never a different answer. Rows come back sorted by row key, so every key up to the last row
/// returned has its answer.</remarks>
internal static class TableRowReads
{
    /// <summary>The most row keys one query names.</summary>
    public const int KeysPerQuery = 14;

    /// <summary>The most queries of one partition in flight.</summary>
    private const int QueriesAtOnce = 8;

    /// <summary>Calls <paramref name="found"/> (from several threads at once) for each row of <paramref name="rowKeys"/> in the partition.</summary>
    public static async Task ReadAsync(
        TableClient table, string partition, IEnumerable<string> rowKeys, IReadOnlyList<string>? select, Action<TableEntity> found, CancellationToken cancellationToken)
    {
        var keys = rowKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byKey = (keys.Count + KeysPerQuery - 1) / KeysPerQuery;

        // Only ASCII keys: the service's order and this code's ordinal comparison then agree on which keys the range passed.
        if (byKey >= 3 && keys.All(key => key.All(char.IsAscii)))
        {
            keys = await ReadRangeAsync(table, partition, keys, select, found, pageBudget: byKey / 3, cancellationToken);
        }

        await Parallel.ForEachAsync(
            keys.Chunk(KeysPerQuery), new ParallelOptions { MaxDegreeOfParallelism = QueriesAtOnce, CancellationToken = cancellationToken }, async (chunk, cancel) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and ("
                    + string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancel))
                {
                    found(entity);
                }
            });
    }

    /// <returns>The keys past the last row the range returned (none when it reached the greatest key).</returns>
    private static async Task<List<string>> ReadRangeAsync(
        TableClient table, string partition, List<string> keys, IReadOnlyList<string>? select, Action<TableEntity> found, int pageBudget,
        CancellationToken cancellationToken)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {keys[0]} and RowKey le {keys[^1]}");
        string? last = null;
        var pages = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: select, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                if (wanted.Contains(entity.RowKey))
                {
                    found(entity);
                }

                last = entity.RowKey;
            }

            if (page.ContinuationToken is null)
            {
                return [];
            }

            if (++pages >= pageBudget)
            {
                break;
            }
        }

        return last is null ? keys : keys.Where(key => string.CompareOrdinal(key, last) > 0).ToList();
    }
}
