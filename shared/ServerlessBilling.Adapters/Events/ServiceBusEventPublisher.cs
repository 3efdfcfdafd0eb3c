using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace ServerlessBilling.Events;

/// <summary>Publishes events to a Service Bus topic (in Azure): the event id is the message id, the type its subject.</summary>
/// <remarks>With duplicate detection on the topic (the infrastructure enables it), a repeat within the detection
/// window is dropped by Service Bus itself; subscribers can filter on <c>Subject</c>.</remarks>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender) : IEventPublisher
{
    public async Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(domainEvent, BillingJson.Options)))
        {
            MessageId = domainEvent.Id,
            Subject = domainEvent.Type,
            ContentType = "application/json",
        };
        message.ApplicationProperties["accountId"] = domainEvent.Subject;
        await sender.SendMessageAsync(message, cancellationToken);
    }
}
