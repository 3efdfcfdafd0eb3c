using System.Collections.Concurrent;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>An <see cref="ICollectionOrchestrations"/> in memory: collections named as running are woken; every start and wake is recorded.</summary>
public sealed class RecordingCollections(params string[] running) : ICollectionOrchestrations
{
    private readonly ConcurrentDictionary<string, bool> instances = new(running.Select(id => KeyValuePair.Create(id, true)));

    public ConcurrentQueue<string> Woken { get; } = new();

    public ConcurrentQueue<CollectionRequest> Started { get; } = new();

    /// <summary>Marks a collection as ended: it exists, but is no longer woken.</summary>
    public void End(string collectionId) => instances[collectionId] = false;

    public Task<bool> EnsureStartedAsync(CollectionRequest request, CancellationToken cancellationToken)
    {
        if (!instances.TryAdd(request.CollectionId, true))
        {
            return Task.FromResult(false);
        }

        Started.Enqueue(request);
        return Task.FromResult(true);
    }

    public Task<bool> TryWakeAsync(string collectionId, CancellationToken cancellationToken)
    {
        if (!instances.TryGetValue(collectionId, out var isRunning) || !isRunning)
        {
            return Task.FromResult(false);
        }

        Woken.Enqueue(collectionId);
        return Task.FromResult(true);
    }
}
