using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Cycles;

/// <summary>Where a closed (or closing) invoice stands.</summary>
public sealed record InvoiceSummary(
    string InvoiceId,
    string AccountId,
    string? Number,
    decimal Total,
    string Currency,
    int Lines,
    string? JsonDocument = null,
    string? PdfDocument = null,
    string? UsageCsvDocument = null,
    string? UsageXlsxDocument = null)
{
    /// <summary>Every notice the tax calculation returned for the invoice (<see cref="Invoice.TaxNotices"/>).</summary>
    public IReadOnlyList<TaxNotice> TaxNotices { get; init; } = [];

    /// <summary>Set on a draft that must not be numbered yet: a tax table has no rate for its date.</summary>
    public TaxDataHold? AwaitingTaxData { get; init; }
}
