using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Turns a published domain event into one delivery per enabled endpoint subscribed to its type, each queued for its first attempt.</summary>
/// <remarks>Idempotent: the sequence number, the delivery id and the <c>webhook-id</c> all follow from the event id, so fanning
/// the same event out again (the relay publishes at least once) finds the deliveries already stored; it queues their first
/// attempt again only while none was made, and a repeated attempt message is dropped by its attempt number.</remarks>
public sealed class WebhookFanOut(IWebhookEndpoints endpoints, IWebhookDeliveries deliveries, IWebhookQueue queue, IClock clock)
{
    /// <returns>How many endpoints the event is on its way to.</returns>
    public async Task<int> FanOutAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var receivers = (await endpoints.ListEnabledAsync(cancellationToken)).Where(e => e.Receives(domainEvent.Type)).ToList();
        if (receivers.Count == 0)
        {
            return 0;
        }

        var sequence = await deliveries.AssignSequenceAsync(domainEvent.Id, cancellationToken);
        var body = JsonSerializer.Serialize(
            new WebhookPayload(domainEvent.Id, domainEvent.Type, sequence, domainEvent.OccurredAt, domainEvent.Subject, domainEvent.Data), BillingJson.Options);
        var now = clock.GetCurrentInstant();
        foreach (var endpoint in receivers)
        {
            var delivery = await deliveries.AddAsync(
                new WebhookDelivery(DeliveryId(endpoint.Id, domainEvent.Id), endpoint.Id, domainEvent.Id, domainEvent.Type, sequence, MessageId(domainEvent.Id), body, now)
                {
                    NextAttemptAt = now,
                },
                cancellationToken);
            if (delivery is { Attempts: 0, Status: WebhookDeliveryStatus.Pending })
            {
                await queue.EnqueueAsync(new WebhookAttempt(endpoint.Id, delivery.Id, 1), Duration.Zero, cancellationToken);
            }
        }

        return receivers.Count;
    }

    /// <summary>The <c>webhook-id</c> of an event's messages: <c>msg_</c> and a digest of the event id (which may hold characters a header id should not).</summary>
    public static string MessageId(string eventId) => "msg_" + Digest(eventId);

    public static string DeliveryId(string endpointId, string eventId) => "dlv_" + Digest(endpointId + "\n" + eventId);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
}
