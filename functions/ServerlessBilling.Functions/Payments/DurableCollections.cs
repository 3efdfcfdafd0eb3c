using Microsoft.DurableTask.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Starts, wakes and restarts invoice collections, and routes gateway notifications to them.</summary>
public sealed class DurableCollections(DurableTaskClient client)
{
    /// <summary>Schedules the collection under its deterministic id unless it exists (running or ended).</summary>
    public async Task<bool> EnsureStartedAsync(CollectionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ScheduleOnceAsync(CollectInvoiceOrchestration.Name, request, request.CollectionId, cancellationToken);
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

    /// <summary>Tells the receivable's collection that something changed; a collection that has ended is restarted when the invoice is open again (a reversal).</summary>
    public async Task WakeAsync(Receivable receivable, string? reversalEventId, CancellationToken cancellationToken)
    {
        var collectionId = receivable.CollectionId ?? new CollectionRequest(receivable.AccountId, receivable.InvoiceId).CollectionId;
        var instance = await client.GetInstanceAsync(collectionId, cancellationToken);
        if (instance is { IsCompleted: false })
        {
            await client.RaiseEventAsync(collectionId, CollectInvoiceOrchestration.WakeEvent, "changed", cancellationToken);
        }
        else if (receivable is { Status: ReceivableStatus.Open, BalanceDue: > 0m } && reversalEventId is not null)
        {
            var restart = new CollectionRequest(receivable.AccountId, receivable.InvoiceId)
            {
                CollectionId = CollectionRequest.RestartId(receivable.InvoiceId, reversalEventId),
                AfterReversal = true,
            };
            await EnsureStartedAsync(restart, cancellationToken);
        }
    }

    /// <summary>Wakes the collection of every invoice the account still owes on, e.g. after a new payment method.</summary>
    public async Task WakeOpenAsync(IReceivables receivables, string accountId, CancellationToken cancellationToken)
    {
        foreach (var open in await receivables.ListOpenAsync(accountId, cancellationToken))
        {
            await WakeAsync(open, reversalEventId: null, cancellationToken);
        }
    }
}
