using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Ingest counters in <c>IngestCounters</c>: partition = UTC day, row = <c>{source}|{shard}</c>, one Int64 column per count.</summary>
/// <remarks>
/// <para>Each process writes its own shard, picked at random from <see cref="Shards"/> when it starts, and keeps the
/// row it last wrote with its ETag. An increment is then one conditional replace (one storage transaction) with no
/// read before it; a 412 means another process drew the same shard, so the row is read again and the add retried.
/// Within a process, increments of one source take turns, so they never conflict with each other.</para>
/// <para>Why not one row per source and day with ETag retries? Every instance of a scaled-out app would fight over
/// it, and each increment would cost a read as well as the write. Why not an append-only row per increment? Writes
/// would be as cheap, but a day's read would scan a row per delivery. Sharding by writer keeps increments at one
/// transaction and a day's read at a few rows per source.</para>
/// <para>Webhook deliveries archived in tables are counted in their payloads' transaction instead, on a counts row of each archive
/// partition (<see cref="ArchivePartitionCounter"/>); an index row per partition here (<c>~archive|{source}|{instance}</c>) names it, and
/// <see cref="ListAsync"/> returns each such row as one more part of its source's day.</para>
/// <para>An add made once per delivery (<see cref="AddOnceAsync"/>) writes a marker row beside the counter row in the same entity group
/// transaction: both land or neither does, so a retried delivery finds its marker and adds nothing, and one that crashed before the
/// write adds on its retry. Markers are one small row per delivery and day, left out of every listing.</para>
/// </remarks>
public sealed class TableIngestCounters(TableServiceClient tables) : IIngestCounters
{
    /// <summary>Enough that a handful of concurrent instances rarely share a shard; a read sums at most this many rows per source and day.</summary>
    public const int Shards = 8;

    private const int MaxAttempts = 20;

    /// <summary>Rows that record a delivery as counted start with it; they hold no counts and sort apart from the sources' rows.</summary>
    private const string MarkerPrefix = "~counted|";

    /// <summary>Rows remembered with their ETag; past it the memory is dropped (a day rolls over), costing one read per row.</summary>
    private const int MaxRemembered = 512;
    private static readonly string[] Columns =
        [nameof(IngestCounts.Received), nameof(IngestCounts.Accepted), nameof(IngestCounts.Ignored), nameof(IngestCounts.Rejected),
         nameof(IngestCounts.Queued), nameof(IngestCounts.Quarantined), nameof(IngestCounts.Rated), nameof(IngestCounts.Duplicates),
         nameof(IngestCounts.Components), nameof(IngestCounts.Conflicting), nameof(IngestCounts.Held), nameof(IngestCounts.Unattributed),
         nameof(IngestCounts.Unpriced), nameof(IngestCounts.NotCharged), nameof(IngestCounts.Released)];

    private readonly TableClient table = tables.GetTableClient(StorageNames.IngestCountersTable);
    private readonly TableClient payloads = tables.GetTableClient(StorageNames.RawPayloadsTable);
    private readonly int shard = Random.Shared.Next(Shards);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> turnsBySource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Partition, string Row), (IngestCounts Counts, ETag ETag)> lastWritten = new();

    public async Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken)
    {
        if (counts.IsNone)
        {
            return;
        }

        var key = (Day(day), TableKeys.Escape($"{source}|{shard}"));
        var turn = turnsBySource.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            await AddInTurnAsync(key, source, day, counts, marker: null, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    public async Task<bool> AddOnceAsync(string source, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken)
    {
        if (counts.IsNone)
        {
            return false;
        }

        var key = (Day(day), TableKeys.Escape($"{source}|{shard}"));
        var turn = turnsBySource.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await AddInTurnAsync(key, source, day, counts, MarkerRow(source, delivery), cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    public async Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey ge {TableKeys.Literal(Day(from))} and PartitionKey le {TableKeys.Literal(Day(to))}";
        if (source is not null)
        {
            // Rows of one source are those between "{source}|" and "{source}}" ('}' sorts right after '|'), and its archive partitions'.
            var prefix = TableKeys.Escape(source);
            var index = ArchivePartitionCounter.IndexPrefix + prefix;
            filter += $" and ((RowKey ge {TableKeys.Literal(prefix + "|")} and RowKey lt {TableKeys.Literal(prefix + "}")})"
                + $" or (RowKey ge {TableKeys.Literal(index + "|")} and RowKey lt {TableKeys.Literal(index + "}")}))";
        }
        else
        {
            filter += $" and (RowKey lt {TableKeys.Literal(MarkerPrefix)} or RowKey ge {TableKeys.Literal(MarkerPrefix[..^1] + "}")})";
        }

        var counters = new List<IngestCounter>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetString("Source") is not { } counted)
            {
                continue;
            }

            var day = LocalDatePattern.Iso.Parse(row.PartitionKey).Value;
            if (row.GetString(ArchivePartitionCounter.PartitionColumn) is { } partition)
            {
                // Deliveries counted with their payloads, in that archive partition's counts row.
                var archived = await payloads.GetEntityIfExistsAsync<TableEntity>(partition, ArchivePartitionCounter.CountsRow, cancellationToken: cancellationToken);
                if (archived.HasValue)
                {
                    counters.Add(new IngestCounter(counted, day, Read(archived.Value!)));
                }
            }
            else
            {
                counters.Add(new IngestCounter(counted, day, Read(row)));
            }
        }

        return counters;
    }

    private async Task<bool> AddInTurnAsync(
        (string Partition, string Row) key, string source, LocalDate day, IngestCounts counts, string? marker, CancellationToken cancellationToken)
    {
        if (lastWritten.Count > MaxRemembered)
        {
            lastWritten.Clear();
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!lastWritten.TryGetValue(key, out var known))
            {
                var stored = await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, key.Row, cancellationToken: cancellationToken);
                known = stored.HasValue ? (Read(stored.Value!), stored.Value!.ETag) : (IngestCounts.None, default);
            }

            var next = known.Counts.Plus(counts);
            var write = known.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, Row(key.Partition, key.Row, source, next))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Row(key.Partition, key.Row, source, next), known.ETag);
            try
            {
                lastWritten[key] = (next, await WriteAsync(write, key.Partition, marker, cancellationToken));
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another process drew this shard and wrote first, or (with a marker) this delivery was counted before.
                lastWritten.TryRemove(key, out _);
                if (marker is not null && (await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, marker, cancellationToken: cancellationToken)).HasValue)
                {
                    return false;
                }

                // A jittered pause, so writers that drew the same shard stop retrying in lockstep.
                await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken);
            }
        }

        throw new InvalidOperationException($"The {source} counters of {day} could not be updated after {MaxAttempts} attempts.");
    }

    /// <summary>Writes the counter row, with the delivery's marker in the same transaction when there is one; returns the row's new ETag.</summary>
    private async Task<ETag> WriteAsync(TableTransactionAction write, string partition, string? marker, CancellationToken cancellationToken)
    {
        if (marker is null)
        {
            var response = write.ActionType == TableTransactionActionType.Add
                ? await table.AddEntityAsync(write.Entity, cancellationToken)
                : await table.UpdateEntityAsync(write.Entity, write.ETag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }

        var counted = new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, marker));
        var written = await table.SubmitTransactionAsync([counted, write], cancellationToken);
        return written.Value[1].Headers.ETag ?? ETag.All;
    }

    /// <summary>The row that records a delivery as counted: in the day's partition (so it is written in one transaction with the
    /// counter row), named by a hash of the source and the delivery so any delivery name fits a key.</summary>
    private static string MarkerRow(string source, string delivery) =>
        MarkerPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{delivery}")));

    internal static TableEntity Row(string partition, string rowKey, string source, IngestCounts counts) => new(partition, rowKey)
    {
        ["Source"] = source,
        [nameof(IngestCounts.Received)] = counts.Received,
        [nameof(IngestCounts.Accepted)] = counts.Accepted,
        [nameof(IngestCounts.Ignored)] = counts.Ignored,
        [nameof(IngestCounts.Rejected)] = counts.Rejected,
        [nameof(IngestCounts.Queued)] = counts.Queued,
        [nameof(IngestCounts.Quarantined)] = counts.Quarantined,
        [nameof(IngestCounts.Rated)] = counts.Rated,
        [nameof(IngestCounts.Duplicates)] = counts.Duplicates,
        [nameof(IngestCounts.Components)] = counts.Components,
        [nameof(IngestCounts.Conflicting)] = counts.Conflicting,
        [nameof(IngestCounts.Held)] = counts.Held,
        [nameof(IngestCounts.Unattributed)] = counts.Unattributed,
        [nameof(IngestCounts.Unpriced)] = counts.Unpriced,
        [nameof(IngestCounts.NotCharged)] = counts.NotCharged,
        [nameof(IngestCounts.Released)] = counts.Released,
    };

    internal static IngestCounts Read(TableEntity row)
    {
        var values = Columns.Select(c => row.GetInt64(c) ?? 0).ToArray();
        return new IngestCounts(
            values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
            values[8], values[9], values[10], values[11], values[12], values[13], values[14]);
    }

    internal static string Day(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
