namespace ServerlessBilling.Events;

/// <summary>Events waiting to be published, written by the step that produces them.</summary>
/// <remarks>A step that produces an event adds it to the outbox before it reports success, so a crash either loses
/// nothing or repeats the step, and adding the same event id again changes nothing.</remarks>
public interface IOutbox
{
    /// <summary>Adds the event unless an event with its id was added before (pending or published).</summary>
    Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> events not yet published.</summary>
    Task<IReadOnlyList<DomainEvent>> ListPendingAsync(int max, CancellationToken cancellationToken);

    Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken);
}
