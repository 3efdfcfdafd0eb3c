using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>The deliveries counted with their payloads in one <c>RawPayloads</c> partition (<see cref="TableRawArchive"/>): one row,
/// <see cref="CountsRow"/>, beside the payload rows, replaced in the same entity group transaction as each group's payloads, so a
/// delivery's payload and its count are stored together or not at all.</summary>
/// <remarks>
/// <para>Only this instance writes its partitions, and its archive writes a partition's groups one at a time, so the row's ETag is kept in
/// memory and a write needs no read before it. The first counted write registers the partition in <c>IngestCounters</c> (an index row
/// in the day's partition, <see cref="IndexPrefix"/>), before any count is stored there, so <see cref="TableIngestCounters.ListAsync"/>
/// finds every counted partition and sums it with the intake's and rating's own rows.</para>
/// <para>A transaction that failed may have been stored with its answer lost: the row is then read back, and holds exactly the counts
/// this write carried (nobody else writes it) when it was stored, so its deliveries are acknowledged after all; when the read fails too,
/// the deliveries fail and the row is read again before the next write.</para>
/// </remarks>
internal sealed class ArchivePartitionCounter(TableClient payloads, TableClient counters, string partition, string source, LocalDate day, string instance)
{
    /// <summary>The counts row of an archive partition; '~' sorts after the payloads' sequence numbers, and it has no payload columns.</summary>
    public const string CountsRow = "~counts";

    /// <summary>Index rows in <c>IngestCounters</c> start with it (and sort before the counted-delivery markers).</summary>
    public const string IndexPrefix = "~archive|";

    /// <summary>The index row's column naming the archive partition that holds counts.</summary>
    public const string PartitionColumn = "Payloads";

    private (IngestCounts Counts, ETag ETag)? known;
    private IngestCounts next = IngestCounts.None;
    private bool indexed;

    /// <summary>The index row of <paramref name="source"/>'s partitions: between <c>~archive|{source}|</c> and <c>~archive|{source}}</c>.</summary>
    public static string IndexRow(string source, string instance) => $"{IndexPrefix}{TableKeys.Escape(source)}|{TableKeys.Escape(instance)}";

    /// <summary>The write that adds <paramref name="counts"/>, for the group's transaction.</summary>
    public async Task<TableTransactionAction> NextAsync(IngestCounts counts, CancellationToken cancellationToken)
    {
        if (!indexed)
        {
            var index = new TableEntity(TableIngestCounters.Day(day), IndexRow(source, instance)) { ["Source"] = source, [PartitionColumn] = partition };
            await counters.UpsertEntityAsync(index, TableUpdateMode.Replace, cancellationToken);
            indexed = true;
        }

        var (stored, etag) = known ?? await ReadAsync(cancellationToken);
        known = (stored, etag);
        next = stored.Plus(counts);
        var row = TableIngestCounters.Row(partition, CountsRow, source, next);
        return etag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag);
    }

    /// <summary>The transaction carrying <see cref="NextAsync"/>'s write succeeded; <paramref name="etag"/> is the row's new ETag.</summary>
    public void Written(ETag? etag) => known = etag is { } tag ? (next, tag) : null;

    /// <summary>After the transaction failed: true when it was stored anyway (its answer lost), read back from the row.</summary>
    public async Task<bool> StoredAnywayAsync()
    {
        var before = known;
        try
        {
            // Not the caller's token: the group carries other callers' deliveries too.
            known = await ReadAsync(CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            known = null;
            return false;
        }

        return before is { } was && known.Value.ETag != was.ETag && known.Value.Counts == next;
    }

    private async Task<(IngestCounts Counts, ETag ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await payloads.GetEntityIfExistsAsync<TableEntity>(partition, CountsRow, cancellationToken: cancellationToken);
        return stored.HasValue ? (TableIngestCounters.Read(stored.Value!), stored.Value!.ETag) : (IngestCounts.None, default);
    }
}
