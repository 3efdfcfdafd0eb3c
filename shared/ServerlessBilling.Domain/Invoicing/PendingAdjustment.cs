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
