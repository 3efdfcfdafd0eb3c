namespace ServerlessBilling.Events;

/// <summary>Sends events to the message broker (an Azure Storage queue locally, a Service Bus topic in Azure).</summary>
public interface IEventPublisher
{
    Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken);
}
