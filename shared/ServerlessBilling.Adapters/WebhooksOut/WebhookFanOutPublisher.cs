using ServerlessBilling.Events;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Publishes an event to the broker, then fans it out to the webhook endpoints subscribed to its type.</summary>
/// <remarks>Both before the relay marks the event published: if the fan-out fails, the event stays pending and the next run
/// publishes it again (a repeat the broker's duplicate detection and the fan-out's deterministic ids absorb).</remarks>
public sealed class WebhookFanOutPublisher(IEventPublisher broker, WebhookFanOut fanOut) : IEventPublisher
{
    public async Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        await broker.PublishAsync(domainEvent, cancellationToken);
        await fanOut.FanOutAsync(domainEvent, cancellationToken);
    }
}
