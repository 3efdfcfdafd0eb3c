namespace ServerlessBilling.Invoicing;

/// <summary>Adjustments per account, each billed on exactly one invoice.</summary>
public interface IPendingAdjustments
{
    /// <summary>Adds the adjustment unless one with its id exists (billed or not).</summary>
    Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken);

    /// <summary>Adjustments not yet billed, plus those already billed on <paramref name="invoiceId"/> (so a rebuilt draft keeps them).</summary>
    Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>Every adjustment of the account, billed or not (oldest first).</summary>
    Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Marks the adjustments as billed on <paramref name="invoiceId"/>; repeating it changes nothing.</summary>
    Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken);
}
