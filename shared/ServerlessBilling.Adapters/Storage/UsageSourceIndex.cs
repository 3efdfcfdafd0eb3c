using System.Collections.Concurrent;
using System.Globalization;
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
        var month = YearMonth(rated.Event.StartedAt);
        var key = (Partition(rated.Event.Source, month), TableKeys.Escape($"{rated.AccountId}|{rated.PeriodKey}"));
        if (written.ContainsKey(key))
        {
            return;
        }

        var entity = new TableEntity(key.Item1, key.Item2) { ["AccountId"] = rated.AccountId, ["PeriodKey"] = rated.PeriodKey };
        await index.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        if (written.Count >= Remembered)
        {
            written.Clear();
        }

        written.TryAdd(key, 0);
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

    private static YearMonth YearMonth(Instant startedAt)
    {
        var date = startedAt.InUtc().Date;
        return new YearMonth(date.Year, date.Month);
    }

    private static string Partition(string source, YearMonth month) =>
        TableKeys.Escape($"{source}|{month.ToString("uuuu-MM", CultureInfo.InvariantCulture)}");
}
