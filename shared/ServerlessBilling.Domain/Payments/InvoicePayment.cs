using NodaTime.Text;

namespace ServerlessBilling.Payments;

/// <summary>One payment event with the invoice it belongs to, as the payment lists hold them.</summary>
/// <param name="Currency">The invoice's currency, which <see cref="PaymentEntry.Amount"/> is in.</param>
/// <remarks>Payment lists are in the order of <see cref="OrderKey"/>: by time, then invoice, then entry.</remarks>
public sealed record InvoicePayment(string InvoiceId, string AccountId, string InvoiceNumber, string Currency, PaymentEntry Entry)
{
    private static readonly InstantPattern FixedWidth = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'");

    /// <summary>The payment <paramref name="entry"/> of <paramref name="receivable"/>.</summary>
    public static InvoicePayment Of(Receivable receivable, PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        ArgumentNullException.ThrowIfNull(entry);
        return new(receivable.InvoiceId, receivable.AccountId, receivable.Number, receivable.Currency, entry);
    }

    /// <summary>Sorts payments by time (to the tick, UTC, fixed width), then invoice id, then entry id, ordinally.</summary>
    public string OrderKey => KeyOf(InvoiceId, Entry);

    /// <inheritdoc cref="OrderKey"/>
    public static string KeyOf(string invoiceId, PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{FixedWidth.Format(entry.At)}|{invoiceId}|{entry.Id}";
    }
}
