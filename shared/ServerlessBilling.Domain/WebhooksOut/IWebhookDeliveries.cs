using ServerlessBilling.Paging;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Deliveries of events to endpoints, each endpoint's delivery log, and the sequence numbers events go out with.</summary>
public interface IWebhookDeliveries
{
    /// <summary>The event's sequence number: the next number the first time an event id is asked for, the same number after.</summary>
    Task<long> AssignSequenceAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Stores the delivery unless one with its endpoint and id exists; returns the one stored.</summary>
    Task<WebhookDelivery> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    Task<WebhookDelivery?> FindAsync(string endpointId, string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the stored delivery (its state after an attempt).</summary>
    Task SetAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Adds a line to the endpoint's log.</summary>
    Task AppendLogAsync(WebhookLogEntry entry, CancellationToken cancellationToken);

    /// <summary>One page of the endpoint's log, newest first.</summary>
    Task<ListPage<WebhookLogEntry>> ListLogPageAsync(string endpointId, PageRequest page, CancellationToken cancellationToken);
}
