using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Events;

namespace ServerlessBilling.Storage;

/// <summary>The outbox in <c>Outbox</c>: pending events in partition <c>pending</c>, published ones moved to <c>published</c>; row = event id.</summary>
/// <remarks>
/// Two partitions keep "what is left to publish" a single-partition read however many events were ever sent.
/// Moving is copy-then-delete (two partitions cannot share a transaction); a crash in between leaves the event in
/// both, so it is published once more, which the deterministic id makes harmless.
/// </remarks>
public sealed class TableOutbox(TableServiceClient tables) : IOutbox
{
    private const string Pending = "pending";
    private const string Published = "published";
    private readonly TableClient outbox = tables.GetTableClient(StorageNames.OutboxTable);

    public async Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(domainEvent.Id);
        if ((await outbox.GetEntityIfExistsAsync<TableEntity>(Published, key, ["PartitionKey"], cancellationToken)).HasValue)
        {
            return;
        }

        try
        {
            await outbox.AddEntityAsync(Row(Pending, domainEvent), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Added by an earlier attempt of the same step.
        }
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

        return pending;
    }

    public async Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var row = Row(Published, domainEvent);
        row["PublishedAt"] = DateTimeOffset.UtcNow;
        await outbox.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        await outbox.DeleteEntityAsync(Pending, row.RowKey, ETag.All, cancellationToken);
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
