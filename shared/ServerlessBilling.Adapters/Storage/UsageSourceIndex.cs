using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>The usage ledger's index of sources in <c>UsageBySource</c>: partition = source and UTC month of the call's start
/// (<c>twilio|2026-11</c>), row = account and period; one row per such account period, however many calls it holds.</summary>
/// <remarks>Each instance remembers the entries it wrote, so an entry costs one upsert per instance and account period, not one
/// per call; an upsert written twice (two instances, a restart) is the same row.</remarks>
internal sealed class UsageSourceIndex(TableServiceClient tables)
{
    /// <summary>Entries remembered before the memory is cleared (a cleared entry is only written once more).</summary>
    private const int Remembered = 100_000;

    private readonly TableClient index = tables.GetTableClient(StorageNames.UsageBySourceTable);
    private readonly ConcurrentDictionary<(string Partition, string Row), byte> written = new();

    /// <summary>Records that the row's account period holds usage of its source in its month; before the row itself is written.</summary>
    public async Task EnsureAsync(RatedUsage rated, CancellationToken cancellationToken)
    {
        var key = Key(rated);
        if (written.ContainsKey(key))
        {
            return;
        }

        await index.UpsertEntityAsync(Entry(key, rated), TableUpdateMode.Replace, cancellationToken);
        Remember(key);
    }

    /// <summary>Writes the row's entry if it is not there (insert-if-absent, for a backfill of rows recorded before the index was kept).</summary>
    /// <returns>True when the entry was written now; false when this instance wrote it already or the table holds it.</returns>
    public async Task<bool> TryAddAsync(RatedUsage rated, CancellationToken cancellationToken)
    {
        var key = Key(rated);
        if (written.ContainsKey(key))
        {
            return false;
        }

        bool added;
        try
        {
            await index.AddEntityAsync(Entry(key, rated), cancellationToken);
            added = true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            added = false;
        }

        Remember(key);
        return added;
    }

    public async Task<ListPage<BilledPeriod>> ListAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var filter = $"PartitionKey eq {TableKeys.Literal(Partition(source, month))}";
        var pages = index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new ListPage<BilledPeriod>([.. page.Values.Select(e => new BilledPeriod(e.GetString("AccountId"), e.GetString("PeriodKey")))], page.ContinuationToken);
        }

        return ListPage<BilledPeriod>.Empty;
    }

    private static (string Partition, string Row) Key(RatedUsage rated) =>
        (Partition(rated.Event.Source, YearMonth(rated.Event.StartedAt)), TableKeys.Escape($"{rated.AccountId}|{rated.PeriodKey}"));

    private static TableEntity Entry((string Partition, string Row) key, RatedUsage rated) =>
        new(key.Partition, key.Row) { ["AccountId"] = rated.AccountId, ["PeriodKey"] = rated.PeriodKey };

    private void Remember((string Partition, string Row) key)
    {
        if (written.Count >= Remembered)
        {
            written.Clear();
        }

        written.TryAdd(key, 0);
    }

    private static YearMonth YearMonth(Instant startedAt)
    {
        var date = startedAt.InUtc().Date;
        return new YearMonth(date.Year, date.Month);
    }

    private static string Partition(string source, YearMonth month) =>
        TableKeys.Escape($"{source}|{month.ToString("uuuu-MM", CultureInfo.InvariantCulture)}");
}
