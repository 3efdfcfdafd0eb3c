using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>A charge or credit waiting for an account's next invoice: a late fee, a returned-payment fee, the difference
/// a closed period's re-rating found, or an overpayment carried forward. Issued invoices are never edited; these land on the next one.</summary>
/// <param name="Id">Deterministic from the business key (e.g. <c>late-fee:{invoiceId}:1</c>), so adding it twice adds it once.</param>
/// <param name="Amount">Positive for a charge, negative for a credit; already rounded to the currency's minor unit.</param>
/// <param name="SourceInvoiceId">The invoice it arose from, when there is one.</param>
public sealed record PendingAdjustment(
    string Id,
    string AccountId,
    AdjustmentKind Kind,
    string Description,
    Money Amount,
    Instant CreatedAt,
    string? SourceInvoiceId = null)
{
    /// <summary>The invoice the adjustment was billed on; null while it waits.</summary>
    public string? BilledOnInvoiceId { get; init; }
}

public enum AdjustmentKind
{
    LateFee,
    ReturnedPaymentFee,
    RerateDifference,
    CreditBalance,
    Manual,
}

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
