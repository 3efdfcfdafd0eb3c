using System.Collections.Concurrent;
using ServerlessBilling.Events;

namespace ServerlessBilling.Tests.Events;

/// <summary>The outbox as the table keeps it: each event id once, pending until marked published, never pending again after.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly ConcurrentDictionary<string, DomainEvent> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DomainEvent> published = new(StringComparer.Ordinal);

    /// <summary>Every event added, pending or published.</summary>
    public IReadOnlyCollection<DomainEvent> Events => [.. pending.Values.Concat(published.Values).DistinctBy(e => e.Id)];

    /// <summary>The types of every event added, in the order they occurred.</summary>
    public IReadOnlyList<string> Types => [.. Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Type)];

    public Task AddAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (!published.ContainsKey(domainEvent.Id))
        {
            pending.TryAdd(domainEvent.Id, domainEvent);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DomainEvent>> ListPendingAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DomainEvent>>([.. pending.Values.OrderBy(e => e.Id, StringComparer.Ordinal).Take(max)]);

    public Task MarkPublishedAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        published[domainEvent.Id] = domainEvent;
        pending.TryRemove(domainEvent.Id, out _);
        return Task.CompletedTask;
    }
}
