using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>One event in an invoice's payment history.</summary>
/// <param name="Amount">Always positive, in the invoice's currency; <see cref="Effect"/> says which way it moves the balance.</param>
/// <param name="Reference">The gateway's payment id, or the cheque/wire reference of an offline payment.</param>
/// <param name="Returned">A charge that was accepted (processing) and then failed: a bounced bank debit, which bears the returned-payment fee.</param>
public sealed record PaymentEntry(
    string Id,
    PaymentEntryKind Kind,
    PaymentEntryStatus Status,
    Money Amount,
    Instant At,
    string? Reference = null,
    int? Attempt = null,
    string? Detail = null,
    bool Returned = false)
{
    /// <summary>How much the entry counts as paid (a credit note counts as its amount), in the entry's currency.</summary>
    public Money Effect => (Kind, Status) switch
    {
        (PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded) => Amount,
        (PaymentEntryKind.Offline, _) => Amount,
        (PaymentEntryKind.Reversal, _) => -Amount,
        (PaymentEntryKind.CreditedForward, _) => -Amount,
        (PaymentEntryKind.CreditNote, _) => Amount,
        _ => Money.Zero(Amount.Currency),
    };
}
