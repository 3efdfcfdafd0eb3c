using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Storage;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Deliveries in <c>WebhookDeliveries</c> (partition = endpoint id, row = delivery id), the sequence counter and each
/// event's number in the same table's partition <c>~sequence</c>, and each endpoint's log in <c>WebhookLog</c>.</summary>
/// <remarks>
/// The counter and the event's number are written in one entity group transaction guarded by the counter's ETag, so an event
/// gets exactly one number and no number is given twice. The log's row key starts with the time inverted
/// (<c>long.MaxValue - ticks</c>), so a partition reads newest first and a page of it is one range scan.
/// </remarks>
public sealed class TableWebhookDeliveries(TableServiceClient tables) : IWebhookDeliveries
{
    private const string SequencePartition = "~sequence";
    private const string CounterRow = "counter";
    private const string Sequence = nameof(Sequence);
    private readonly TableClient deliveries = tables.GetTableClient(StorageNames.WebhookDeliveriesTable);
    private readonly TableClient log = tables.GetTableClient(StorageNames.WebhookLogTable);

    public async Task<long> AssignSequenceAsync(string eventId, CancellationToken cancellationToken)
    {
        var eventRow = "event:" + TableKeys.Escape(eventId);
        while (true)
        {
            var assigned = await deliveries.GetEntityIfExistsAsync<TableEntity>(SequencePartition, eventRow, cancellationToken: cancellationToken);
            if (assigned.HasValue)
            {
                return assigned.Value!.GetInt64(Sequence)!.Value;
            }

            var counter = await deliveries.GetEntityIfExistsAsync<TableEntity>(SequencePartition, CounterRow, cancellationToken: cancellationToken);
            var next = (counter.HasValue ? counter.Value!.GetInt64(Sequence)!.Value : 0) + 1;
            var nextCounter = new TableEntity(SequencePartition, CounterRow) { [Sequence] = next };
            TableTransactionAction[] actions =
            [
                counter.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, nextCounter, counter.Value!.ETag)
                    : new(TableTransactionActionType.Add, nextCounter),
                new(TableTransactionActionType.Add, new TableEntity(SequencePartition, eventRow) { [Sequence] = next }),
            ];
            try
            {
                await deliveries.SubmitTransactionAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another event took the number, or another fan-out of this event numbered it: read again.
            }
        }
    }

    public async Task<WebhookDelivery> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await deliveries.AddEntityAsync(Row(delivery), cancellationToken);
            return delivery;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(delivery.EndpointId, delivery.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Delivery {delivery.Id} conflicted but cannot be read.", e);
        }
    }

    public async Task<WebhookDelivery?> FindAsync(string endpointId, string deliveryId, CancellationToken cancellationToken)
    {
        var found = await deliveries.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(endpointId), TableKeys.Escape(deliveryId), cancellationToken: cancellationToken);
        return found.HasValue ? JsonDocumentEntity.Read<WebhookDelivery>(found.Value!) : null;
    }

    public async Task SetAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await deliveries.UpsertEntityAsync(Row(delivery), TableUpdateMode.Replace, cancellationToken);

    public async Task AppendLogAsync(WebhookLogEntry entry, CancellationToken cancellationToken)
    {
        var newestFirst = (long.MaxValue - entry.At.ToUnixTimeTicks()).ToString("D19", CultureInfo.InvariantCulture);
        // A notice sorts before the attempt that caused it at the same instant: it is what happened last.
        var rowKey = entry.DeliveryId is null ? $"{newestFirst}-0-notice" : $"{newestFirst}-1-{entry.DeliveryId}-{entry.Attempt.ToString("D3", CultureInfo.InvariantCulture)}";
        await log.UpsertEntityAsync(JsonDocumentEntity.Create(TableKeys.Escape(entry.EndpointId), TableKeys.Escape(rowKey), entry), TableUpdateMode.Replace, cancellationToken);
    }

    public Task<ListPage<WebhookLogEntry>> ListLogPageAsync(string endpointId, PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(log, TablePaging.Partition(TableKeys.Escape(endpointId)), page, JsonDocumentEntity.Read<WebhookLogEntry>, cancellationToken);

    private static TableEntity Row(WebhookDelivery delivery)
    {
        var row = JsonDocumentEntity.Create(TableKeys.Escape(delivery.EndpointId), TableKeys.Escape(delivery.Id), delivery);
        row["Status"] = delivery.Status.ToString();
        return row;
    }
}
