using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>A <see cref="PaymentEntry"/> as JSON carries it, in a stored receivable and in the API's payment history: the amounts
/// are bare numbers in the invoice's currency, which the document around the entry names once.</summary>
/// <remarks>This is the shape entries had when their amounts were decimals, <see cref="Effect"/> included; documents stored
/// then read back unchanged (<see cref="ReceivableJsonConverter"/>).</remarks>
public sealed record PaymentEntryDocument(
    string Id,
    PaymentEntryKind Kind,
    PaymentEntryStatus Status,
    decimal Amount,
    Instant At,
    string? Reference = null,
    int? Attempt = null,
    string? Detail = null,
    bool Returned = false)
{
    /// <summary>How much the entry counts as paid; written for readers, ignored when read (the entry computes it).</summary>
    public decimal Effect { get; init; }

    public static PaymentEntryDocument Of(PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Kind, entry.Status, entry.Amount.Amount, entry.At, entry.Reference, entry.Attempt, entry.Detail, entry.Returned)
        {
            Effect = entry.Effect.Amount,
        };
    }

    /// <summary>The entry, its amount in <paramref name="currency"/> (the invoice's).</summary>
    public PaymentEntry ToEntry(string currency) =>
        new(Id, Kind, Status, new Money(Amount, currency), At, Reference, Attempt, Detail, Returned);
}
