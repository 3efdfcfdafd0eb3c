using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>One payment as the payment lists show it: the entry of the invoice's payment history, with the invoice it belongs to.</summary>
/// <param name="Id">The entry's id within its invoice (<c>charge:pi_...</c>, <c>offline:{key}</c>, <c>reversal:{event}</c>).</param>
/// <param name="Amount">Always positive, in <paramref name="Currency"/>; <paramref name="Effect"/> is what it counts as paid (negative for a reversal).</param>
public sealed record ListedPayment(
    string Id,
    string InvoiceId,
    string AccountId,
    string InvoiceNumber,
    string Currency,
    PaymentEntryKind Kind,
    PaymentEntryStatus Status,
    decimal Amount,
    decimal Effect,
    Instant At,
    string? Reference,
    int? Attempt,
    string? Detail,
    bool Returned)
{
    public static ListedPayment Of(InvoicePayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var entry = payment.Entry;
        return new(entry.Id, payment.InvoiceId, payment.AccountId, payment.InvoiceNumber, payment.Currency, entry.Kind, entry.Status,
            entry.Amount.Amount, entry.Effect.Amount, entry.At, entry.Reference, entry.Attempt, entry.Detail, entry.Returned);
    }
}
