using System.Globalization;
using ServerlessBilling.Paging;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

/// <summary>Deliveries, sequence numbers and logs as the tables keep them: numbers from one counter, the log newest first with a
/// notice before an attempt at the same instant.</summary>
public sealed class InMemoryWebhookDeliveries : IWebhookDeliveries
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Endpoint, string Delivery), WebhookDelivery> deliveries = [];
    private readonly List<WebhookLogEntry> log = [];

    public Task<long> AssignSequenceAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!sequences.TryGetValue(eventId, out var number))
            {
                number = sequences.Count + 1;
                sequences[eventId] = number;
            }

            return Task.FromResult(number);
        }
    }

    public Task<WebhookDelivery> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(deliveries.TryAdd((delivery.EndpointId, delivery.Id), delivery) ? delivery : deliveries[(delivery.EndpointId, delivery.Id)]);
        }
    }

    public Task<WebhookDelivery?> FindAsync(string endpointId, string deliveryId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(deliveries.GetValueOrDefault((endpointId, deliveryId)));
        }
    }

    public Task SetAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            deliveries[(delivery.EndpointId, delivery.Id)] = delivery;
        }

        return Task.CompletedTask;
    }

    public Task AppendLogAsync(WebhookLogEntry entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            log.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<ListPage<WebhookLogEntry>> ListLogPageAsync(string endpointId, PageRequest page, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return InMemoryPages.OfAsync([.. log.Where(e => e.EndpointId == endpointId)], Key, page);
        }
    }

    private static string Key(WebhookLogEntry entry)
    {
        var newestFirst = (long.MaxValue - entry.At.ToUnixTimeTicks()).ToString("D19", CultureInfo.InvariantCulture);
        return entry.DeliveryId is null ? $"{newestFirst}-0-notice" : $"{newestFirst}-1-{entry.DeliveryId}-{entry.Attempt:D3}";
    }
}
