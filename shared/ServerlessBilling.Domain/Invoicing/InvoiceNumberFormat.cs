using System.Globalization;

namespace ServerlessBilling.Invoicing;

/// <summary>How an invoice or credit note number is written: a prefix, then the sequence value zero-padded (<c>INV-000042</c>).</summary>
/// <remarks>A value wider than <see cref="Digits"/> is written in full (<c>INV-1000000</c>), never cut.</remarks>
/// <param name="Prefix">Written before the number, e.g. <c>INV-</c>.</param>
/// <param name="Digits">Zero-padded width.</param>
public readonly record struct InvoiceNumberFormat(string Prefix, int Digits)
{
    /// <summary>The prefix of invoice numbers unless a legal entity sets its own.</summary>
    public const string DefaultInvoicePrefix = "INV-";

    /// <summary>The prefix of credit note numbers, a sequence of their own beside the invoices'.</summary>
    public const string CreditNotePrefix = "CN-";

    /// <summary>The zero-padded width unless a legal entity sets its own.</summary>
    public const int DefaultDigits = 6;

    /// <summary>Invoice numbers as issued by default: <c>INV-000001</c>.</summary>
    public static InvoiceNumberFormat Invoices { get; } = new(DefaultInvoicePrefix, DefaultDigits);

    /// <summary>Credit note numbers as issued by default: <c>CN-000001</c>.</summary>
    public static InvoiceNumberFormat CreditNotes { get; } = new(CreditNotePrefix, DefaultDigits);

    /// <summary>The number written for the <paramref name="value"/>-th document of the sequence (1-based).</summary>
    public string Format(long value) => Prefix + value.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');
}
