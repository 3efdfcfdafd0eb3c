using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Raw payloads in the <c>RawPayloads</c> table, group-committed: one row per payload (partition =
/// <c>{source}|{yyyyMMdd}|{instance}</c>, the UTC day received; row = the instance's sequence number), the payloads that arrive together
/// written in one entity group transaction. A payload is named <c>RawPayloads/{source}/{yyyy}/{MM}/{dd}/{instance}/{sequence}</c>.</summary>
/// <remarks>
/// <para>Why a table and not append blobs: a blob write is billed about 180 times a table transaction, and an entity group transaction
/// carries up to 100 rows, so a payload's share of the write is negligible at any rate and no group needs to wait for company (the group
/// window defaults to 0 here). The transaction is atomic: a failed one stores none of its payloads and fails every delivery in it (the
/// vendor redelivers); one that succeeded but whose answer was lost leaves rows nobody was told of, which a replay lists beside the
/// redelivery's copy, as any redelivery is a second copy.</para>
/// <para>Each instance writes its own partitions under a random instance id, so writers never collide and a partition's rate stays one
/// instance's. A payload is kept in binary columns of at most 64 KiB each (<see cref="MaxPayloadBytes"/> in all, above every webhook
/// route's body limit). Payloads archived earlier, in <c>raw-archive</c> blobs, read and list through <paramref name="earlier"/>.</para>
/// <para>A webhook delivery's counts (<see cref="ArchiveCountedAsync"/>) go in the same transaction as its payload, on a counts row of the
/// partition (<see cref="ArchivePartitionCounter"/>), so the intake acknowledges a delivery after its rating message's put and this one
/// write, with no counter increment of its own.</para>
/// </remarks>
public sealed class TableRawArchive(
    TableServiceClient tables, IRawArchive earlier, TimeProvider clock, int maxPayloadsPerGroup, TimeSpan groupWindow = default) : IRawArchive
{
    /// <summary>The service's largest binary column.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    /// <summary>15 columns of 64 KiB: under the service's 1 MiB a row with the name and content type beside them.</summary>
    public const int MaxPayloadBytes = 15 * MaxChunkBytes;

    /// <summary>The service's most operations in one entity group transaction.</summary>
    public const int MaxRowsPerTransaction = 100;

    private readonly TableClient table = tables.GetTableClient(StorageNames.RawPayloadsTable);
    private readonly TableClient counters = tables.GetTableClient(StorageNames.IngestCountersTable);
    private readonly string instance = Guid.NewGuid().ToString("N")[..12];
    private readonly int payloadsPerGroup = Math.Clamp(maxPayloadsPerGroup, 1, MaxRowsPerTransaction);
    private readonly ConcurrentDictionary<string, TableRowGroups> partitions = new(StringComparer.Ordinal);
    private long sequence;

    /// <summary>True: a delivery's counts go in its payload's transaction (<see cref="ArchivePartitionCounter"/>).</summary>
    public bool CountsDeliveries => true;

    public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(source, Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date, name, content, contentType, IngestCounts.None, cancellationToken);

    public async Task<(string ArchivedAs, bool Counted)> ArchiveCountedAsync(
        string source, LocalDate day, string name, ReadOnlyMemory<byte> content, string contentType, IngestCounts counts, CancellationToken cancellationToken) =>
        (await WriteAsync(source, day, name, content, contentType, counts, cancellationToken), true);

    private Task<string> WriteAsync(
        string source, LocalDate day, string name, ReadOnlyMemory<byte> content, string contentType, IngestCounts counts, CancellationToken cancellationToken)
    {
        if (content.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"A raw payload over {MaxPayloadBytes} bytes cannot be archived; the webhook routes refuse such bodies before this.", nameof(content));
        }

        var partition = Partition(source, day, instance);
        var row = Interlocked.Increment(ref sequence).ToString("D12", CultureInfo.InvariantCulture);
        var entity = new TableEntity(partition, row) { ["Name"] = name, ["ContentType"] = contentType, ["Length"] = content.Length };
        for (var (at, column) = (0, 0); at < content.Length; at += MaxChunkBytes, column++)
        {
            entity[Column(column)] = content.Slice(at, Math.Min(MaxChunkBytes, content.Length - at)).ToArray();
        }

        var archivedAs = string.Create(CultureInfo.InvariantCulture, $"{table.Name}/{source}/{day.Year:D4}/{day.Month:D2}/{day.Day:D2}/{instance}/{row}");
        var groups = partitions.GetOrAdd(partition, _ => new TableRowGroups(
            table, payloadsPerGroup, groupWindow, new ArchivePartitionCounter(table, counters, partition, source, day, instance)));
        return groups.WriteAsync(entity, content.Length, archivedAs, cancellationToken, counts);
    }

    public async Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken)
    {
        if (!archivedAs.StartsWith(table.Name + "/", StringComparison.Ordinal))
        {
            return await earlier.ReadAsync(archivedAs, cancellationToken);
        }

        var parts = archivedAs.Split('/');
        if (parts.Length != 7 || !LocalDateOf(parts[2], parts[3], parts[4], out var day))
        {
            return null;
        }

        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(parts[1], day, parts[5]), TableKeys.Escape(parts[6]), cancellationToken: cancellationToken);
            return row.HasValue ? Payload(row.Value!, archivedAs) : null;
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return null; // a key the service refuses was never handed out
        }
    }

    public async IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var payload in earlier.ListAsync(source, day, cancellationToken))
        {
            yield return payload;
        }

        // The day's partitions of every instance: those between "{source}|{day}|" and "{source}|{day}}" ('}' sorts right after '|').
        var prefix = Partition(source, day, "");
        var filter = $"PartitionKey ge {TableKeys.Literal(prefix)} and PartitionKey lt {TableKeys.Literal(prefix[..^1] + "}")}";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var instanceOf = row.PartitionKey[prefix.Length..];
            var archivedAs = string.Create(CultureInfo.InvariantCulture, $"{table.Name}/{source}/{day.Year:D4}/{day.Month:D2}/{day.Day:D2}/{instanceOf}/{row.RowKey}");
            if (Payload(row, archivedAs) is { } payload)
            {
                yield return payload;
            }
        }
    }

    private static string Partition(string source, LocalDate day, string instance) =>
        string.Create(CultureInfo.InvariantCulture, $"{TableKeys.Escape(source)}|{day.Year:D4}{day.Month:D2}{day.Day:D2}|{TableKeys.Escape(instance)}");

    private static string Column(int index) => string.Create(CultureInfo.InvariantCulture, $"Content{index}");

    private static ArchivedPayload? Payload(TableEntity row, string archivedAs)
    {
        if (row.GetString("Name") is not { } name || row.GetString("ContentType") is not { } contentType || row.GetInt32("Length") is not { } length)
        {
            return null;
        }

        var content = new byte[length];
        for (var (at, column) = (0, 0); at < length; column++)
        {
            var chunk = row.GetBinary(Column(column));
            if (chunk is null || at + chunk.Length > length)
            {
                return null;
            }

            chunk.CopyTo(content, at);
            at += chunk.Length;
        }

        return new ArchivedPayload(archivedAs, name, contentType, content);
    }

    private static bool LocalDateOf(string year, string month, string day, out LocalDate date)
    {
        date = default;
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m))
        {
            return false;
        }

        date = new LocalDate(y, m, d);
        return true;
    }
}
