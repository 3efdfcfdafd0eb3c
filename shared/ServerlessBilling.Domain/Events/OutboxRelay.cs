namespace ServerlessBilling.Events;

/// <summary>Moves events from the outbox to the broker: publish, then mark published.</summary>
/// <remarks>
/// At least once: a crash between the two steps publishes the event again on the next run, with the same id,
/// which Service Bus duplicate detection drops and consumers of the storage queue must skip. A publish that
/// fails leaves the event pending and stops this run; within a batch, events go out in the order they occurred.
/// </remarks>
public sealed class OutboxRelay(IOutbox outbox, IEventPublisher publisher)
{
    private const int BatchSize = 100;

    /// <returns>How many events were published.</returns>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        while (true)
        {
            var pending = await outbox.ListPendingAsync(BatchSize, cancellationToken);
            foreach (var domainEvent in pending.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal))
            {
                await publisher.PublishAsync(domainEvent, cancellationToken);
                await outbox.MarkPublishedAsync(domainEvent, cancellationToken);
                published++;
            }

            if (pending.Count < BatchSize)
            {
                return published;
            }
        }
    }
}
