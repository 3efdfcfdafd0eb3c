namespace ServerlessBilling.Payments;

/// <summary>The running collections of invoices, as the host's durable engine keeps them: start one, or tell a running one to look again.</summary>
/// <remarks>
/// Only mechanics live behind this port. When to wake a collection and when to restart one after a reversal is decided
/// by <see cref="CollectionWakeUps"/>, so every host makes the same choice.
/// </remarks>
public interface ICollectionOrchestrations
{
    /// <summary>Schedules the collection under <see cref="CollectionRequest.CollectionId"/> unless one with that id exists (running or ended).</summary>
    /// <returns>False when it existed: nothing was scheduled.</returns>
    Task<bool> EnsureStartedAsync(CollectionRequest request, CancellationToken cancellationToken);

    /// <summary>Tells a running collection that its receivable changed.</summary>
    /// <returns>False when no collection with that id is running (it never started, or it has ended): nothing was told.</returns>
    Task<bool> TryWakeAsync(string collectionId, CancellationToken cancellationToken);
}
