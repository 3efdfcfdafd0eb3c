using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Events;

namespace ServerlessBilling.Functions.Events;

/// <summary>Publishes the outbox's pending domain events (<see cref="OutboxRelay"/>) on the schedule <c>OutboxPublishSchedule</c>, e.g. every minute.</summary>
public sealed class PublishDomainEventsFunction(OutboxRelay relay)
{
    public const string Name = "PublishDomainEvents";

    [Function(Name)]
    public Task<int> Run([TimerTrigger("%OutboxPublishSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.PublishPendingAsync(cancellationToken);
}
