using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>What one final invoice, or one credit note against it, contributes to the tax reports: its revenue by Form 499-A category and its taxes, summed.</summary>
/// <remarks>
/// Written once per invoice when it is finalized (idempotent by <see cref="InvoiceId"/>), and once per credit note when
/// it is issued (idempotent by <see cref="CreditNoteId"/>, amounts negative; see <see cref="CreditNoteTaxLedger"/>), so the
/// reports read one small row per document instead of every document. Reports date a row by its <see cref="IssueDate"/>.
/// Charges of an invoice that was not taxed (an account without a service address) have no 499-A split; their
/// sum is kept in <see cref="UnclassifiedRevenue"/> so the worksheet can show what it could not place.
/// </remarks>
public sealed record TaxLedgerEntry(
    string InvoiceId,
    string Number,
    string AccountId,
    LocalDate IssueDate,
    string Currency,
    IReadOnlyList<LedgerRevenue> Revenue,
    IReadOnlyList<LedgerTax> Taxes,
    decimal UnclassifiedRevenue)
{
    /// <summary>On a credit note's row: the note's id (then <see cref="Number"/> is the note's number and <see cref="InvoiceId"/> the invoice it corrects); null on an invoice's row.</summary>
    public string? CreditNoteId { get; init; }

    /// <summary>Sums a final invoice's stamped charges and tax lines; throws when the invoice is not final.</summary>
    public static TaxLedgerEntry From(Invoice invoice)
    {
        if (invoice is not { IsFinal: true, IssueDate: { } issued })
        {
            throw new InvalidOperationException($"Invoice {invoice.Id} is not final; only final invoices enter the tax ledger.");
        }

        return Sum(invoice.Id, invoice.Number!, invoice.AccountId, issued, invoice.Currency, invoice.Lines);
    }

    /// <summary>Sums <paramref name="lines"/> (an invoice's, or the negated parts a credit note takes of them) by 499-A category and by tax.</summary>
    internal static TaxLedgerEntry Sum(string invoiceId, string number, string accountId, LocalDate issued, string currency, IReadOnlyList<InvoiceLine> lines)
    {
        var revenue = lines.Where(l => l.Revenue is not null)
            .GroupBy(l => (l.Revenue!.Category, l.Revenue.Form499, l.Revenue.ResellerFiler499Id, l.Revenue.CertificateValidThrough, l.Revenue.Method))
            .Select(g => new LedgerRevenue(
                g.Key.Category, g.Key.Form499, g.Key.ResellerFiler499Id, g.Key.CertificateValidThrough,
                g.Sum(l => l.Amount.Amount), g.Sum(l => l.Revenue!.Interstate), g.Sum(l => l.Revenue!.International), g.Sum(l => l.Revenue!.Intrastate),
                g.Key.Method))
            .OrderBy(r => r.Category).ThenBy(r => r.Form499).ThenBy(r => r.ResellerFiler499Id, StringComparer.Ordinal);
        var taxes = lines.Where(l => l.Tax is not null)
            .GroupBy(l => (l.Tax!.RuleKey, l.Tax.Jurisdiction, l.Tax.JurisdictionName, l.Tax.Level, l.Tax.Kind))
            .Select(g => new LedgerTax(g.Key.RuleKey, g.Key.Jurisdiction, g.Key.JurisdictionName, g.Key.Level, g.Key.Kind,
                g.Sum(l => l.Amount.Amount), g.Sum(l => l.Tax!.Unrounded)))
            .OrderBy(t => t.RuleKey, StringComparer.Ordinal).ThenBy(t => t.Jurisdiction, StringComparer.Ordinal);
        var unclassified = lines.Where(l => l.Category != LineCategory.Taxes && l.Tax is null && l.Revenue is null).Sum(l => l.Amount.Amount);
        return new TaxLedgerEntry(invoiceId, number, accountId, issued, currency, [.. revenue], [.. taxes], unclassified);
    }
}
