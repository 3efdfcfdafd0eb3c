using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>The payload every collection event carries: the invoice, what is still owed, and what happened.</summary>
/// <param name="Amount">The amount the event is about (a payment, a fee), when there is one.</param>
/// <param name="At">A moment the event announces (the next retry), when there is one.</param>
public sealed record CollectionEventData(
    string InvoiceId,
    string Number,
    string AccountId,
    string Currency,
    decimal BalanceDue,
    decimal? Amount = null,
    int? Attempt = null,
    Instant? At = null,
    string? Detail = null,
    string? PaymentId = null,
    string? ActionUrl = null)
{
    public static CollectionEventData Of(Receivable receivable) =>
        new(receivable.InvoiceId, receivable.Number, receivable.AccountId, receivable.Currency, receivable.BalanceDue.Amount);
}
