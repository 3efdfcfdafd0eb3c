namespace ServerlessBilling.Payments;

/// <summary>After a receivable changes outside its collection (a gateway notification, an offline payment, a new payment
/// method), decides what its collection must do: look again, or start over after a reversal.</summary>
/// <remarks>
/// A running collection is woken and re-reads the receivable. A collection that has ended is left alone, except after a
/// reversal that reopened the invoice: a new collection starts under <see cref="CollectionRequest.RestartId"/> of the
/// reversal's event, so a redelivered reversal starts nothing more, and it begins with the first retry rather than an
/// immediate charge (<see cref="CollectionRequest.AfterReversal"/>).
/// </remarks>
public static class CollectionWakeUps
{
    /// <param name="reversalEventId">The gateway event that took money back, when the change is a reversal; null otherwise.</param>
    public static async Task WakeAsync(
        this ICollectionOrchestrations collections, Receivable receivable, string? reversalEventId, CancellationToken cancellationToken)
    {
        var collectionId = receivable.CollectionId ?? new CollectionRequest(receivable.AccountId, receivable.InvoiceId).CollectionId;
        if (await collections.TryWakeAsync(collectionId, cancellationToken))
        {
            return;
        }

        if (receivable is { Status: ReceivableStatus.Open, BalanceDue.Amount: > 0m } && reversalEventId is not null)
        {
            await collections.EnsureStartedAsync(
                new CollectionRequest(receivable.AccountId, receivable.InvoiceId)
                {
                    CollectionId = CollectionRequest.RestartId(receivable.InvoiceId, reversalEventId),
                    AfterReversal = true,
                },
                cancellationToken);
        }
    }

    /// <summary>Wakes the collection of every invoice the account still owes on, e.g. after a new payment method.</summary>
    public static async Task WakeOpenAsync(
        this ICollectionOrchestrations collections, IReceivables receivables, string accountId, CancellationToken cancellationToken)
    {
        foreach (var open in await receivables.ListOpenAsync(accountId, cancellationToken))
        {
            await collections.WakeAsync(open, reversalEventId: null, cancellationToken);
        }
    }
}
