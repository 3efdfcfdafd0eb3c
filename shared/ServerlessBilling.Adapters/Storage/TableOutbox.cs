using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Events;

namespace ServerlessBilling.Storage;

/// <summary>The outbox in <c>Outbox</c>: pending events in partition <c>pending</c>, published ones moved to <c>published</c>; row = event id.</summary>
/// <remarks><para>
/// Two partitions keep "what is left to publish" a single-partition read however many events were ever sent.
/// Moving is copy-then-delete (two partitions cannot share a transaction).
/// </para><para>
/// Adding is one insert into <c>pending</c>, a conflict meaning added before; inserts made at once share an entity group transaction
/// (<see cref="TableWriteGroups"/>). Whether it was already published is not read before each
/// insert (one read per event, on the hot path of every step that produces one): a step run again after its event was published
/// inserts it into <c>pending</c> again, and the listing drops and deletes it there, asking <c>published</c> about the whole page in
/// queries of <see cref="IdsPerQuery"/> ids. The same listing drops an event a crash left in both partitions between the copy and the delete.
/// </para></remarks>
public sealed class TableOutbox(TableServiceClient tables) : IOutbox
{
    private const string Pending = "pending";
    private const string Published = "published";

    /// <summary>Ids asked of <c>published</c> in one query: a Table storage filter holds at most 15 comparisons (one is the partition's).</summary>
    private const int IdsPerQuery = 14;

    private readonly TableClient outbox = tables.GetTableClient(StorageNames.OutboxTable);

    /// <summary>Every step that adds an event inserts into <c>pending</c>: the events added while an insert is in flight go together in the
    /// next transaction (closes running at once add two each).</summary>
    private readonly TableWriteGroups pendingInserts = new(tables.GetTableClient(StorageNames.OutboxTable), TableWriteGroups.GroupWindow);

    public async Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        // False (a conflict): added by an earlier attempt of the same step.
        await pendingInserts.InsertAsync(Row(Pending, domainEvent), cancellationToken);
    }

    public async Task<IReadOnlyList<DomainEvent>> ListPendingAsync(int max, CancellationToken cancellationToken)
    {
        var pending = new List<DomainEvent>();
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == Pending, max, cancellationToken: cancellationToken))
        {
            pending.Add(JsonDocumentEntity.Read<DomainEvent>(row));
            if (pending.Count == max)
            {
                break;
            }
        }

        var published = await PublishedAmongAsync(pending, cancellationToken);
        foreach (var key in published)
        {
            await DeletePendingAsync(key, cancellationToken);
        }

        return published.Count == 0 ? pending : [.. pending.Where(e => !published.Contains(TableKeys.Escape(e.Id)))];
    }

    /// <summary>The row keys of the events among <paramref name="events"/> that were published already.</summary>
    private async Task<HashSet<string>> PublishedAmongAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in events.Select(e => TableKeys.Escape(e.Id)).Chunk(IdsPerQuery))
        {
            var filter = $"PartitionKey eq '{Published}' and (" + string.Join(" or ", chunk.Select(k => "RowKey eq " + TableKeys.Literal(k))) + ")";
            await foreach (var row in outbox.QueryAsync<TableEntity>(filter, chunk.Length, ["RowKey"], cancellationToken))
            {
                published.Add(row.RowKey);
            }
        }

        return published;
    }

    private async Task DeletePendingAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.DeleteEntityAsync(Pending, key, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted by another listing meanwhile.
        }
    }

    public async Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var row = Row(Published, domainEvent);
        row["PublishedAt"] = DateTimeOffset.UtcNow;
        await outbox.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        await DeletePendingAsync(row.RowKey, cancellationToken);
    }

    private static TableEntity Row(string partition, DomainEvent domainEvent)
    {
        var row = JsonDocumentEntity.Create(partition, TableKeys.Escape(domainEvent.Id), domainEvent);
        row["Type"] = domainEvent.Type;
        row["Subject"] = domainEvent.Subject;
        row["OccurredAt"] = domainEvent.OccurredAt.ToDateTimeOffset();
        return row;
    }
}
