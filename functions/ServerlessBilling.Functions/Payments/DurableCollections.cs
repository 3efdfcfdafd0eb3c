using Microsoft.DurableTask.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Invoice collections as <see cref="CollectInvoiceOrchestration"/> instances: started under their deterministic id once,
/// woken by an external event. When to wake or restart one is the domain's (<see cref="CollectionWakeUps"/>).</summary>
public sealed class DurableCollections(DurableTaskClient client) : ICollectionOrchestrations
{
    public Task<bool> EnsureStartedAsync(CollectionRequest request, CancellationToken cancellationToken) =>
        StartOnceAsync(request, request, cancellationToken);

    /// <summary>Starts the collection of a receivable its close has just opened, with the opened state (so it skips opening it again) and
    /// the first step the close took, if any.</summary>
    public Task<bool> EnsureStartedAsync(CollectionRequest request, CollectionOpening opened, CancellationToken cancellationToken) =>
        StartOnceAsync(request, CollectInvoiceInput.OpenedBy(request, opened), cancellationToken);

    private async Task<bool> StartOnceAsync(CollectionRequest request, object input, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ScheduleOnceAsync(CollectInvoiceOrchestration.Name, input, request.CollectionId, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or global::Grpc.Core.RpcException)
        {
            // A start racing this one won; the instance exists, which is all this promises.
            if (await client.GetInstanceAsync(request.CollectionId, cancellationToken) is null)
            {
                throw;
            }

            return false;
        }
    }

    public async Task<bool> TryWakeAsync(string collectionId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(collectionId, cancellationToken) is not { IsCompleted: false })
        {
            return false;
        }

        await client.RaiseEventAsync(collectionId, CollectInvoiceOrchestration.WakeEvent, "changed", cancellationToken);
        return true;
    }
}
