using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Events;

/// <summary>Publishes events to the storage queue <c>billing-events</c> (the local broker, on Azurite): one message per event, its JSON as the body.</summary>
/// <remarks>A storage queue has no duplicate detection: a consumer skips an event id it has seen.</remarks>
public sealed class QueueEventPublisher(QueueServiceClient queues) : IEventPublisher
{
    private readonly QueueClient queue = queues.GetQueueClient(StorageNames.BillingEventsQueue);

    public async Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(domainEvent, BillingJson.Options), cancellationToken);
}
