using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Which sequence invoices are numbered in and how a number is written.</summary>
/// <param name="Sequence">One gapless sequence per legal entity; the counter's partition.</param>
/// <param name="Prefix">Written before the number, e.g. <c>INV-</c>.</param>
/// <param name="Digits">Zero-padded width.</param>
public sealed record InvoiceNumberingOptions(
    string Sequence = "invoices", string Prefix = InvoiceNumberFormat.DefaultInvoicePrefix, int Digits = InvoiceNumberFormat.DefaultDigits)
{
    /// <summary>How a number of this sequence is written.</summary>
    public InvoiceNumberFormat NumberFormat => new(Prefix, Digits);

    public string Format(long value) => NumberFormat.Format(value);
}
