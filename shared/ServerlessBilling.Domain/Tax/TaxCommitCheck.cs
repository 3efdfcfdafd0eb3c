using System.Globalization;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>Compares what a tax service committed for a numbered invoice with the taxes the invoice bills, per location and
/// tax kind, so a rate the service changed between the draft and numbering is never sent unnoticed.</summary>
/// <remarks>The service reports to the jurisdictions what it committed while the customer is billed what the invoice says:
/// a difference in either direction under- or over-collects a regulated charge. Amounts are compared as billed (each line
/// rounded), the sum per kind; a kind only one side has counts as zero on the other.</remarks>
public static class TaxCommitCheck
{
    /// <summary>One <see cref="TaxNoticeReason.CommitDiffers"/> notice per location and kind whose committed total differs; empty when they agree.</summary>
    /// <param name="invoice">The numbered invoice, with the taxes of its draft.</param>
    /// <param name="committed">The same period priced with the committed taxes.</param>
    public static IReadOnlyList<TaxNotice> Differences(Invoice invoice, Invoice committed)
    {
        var billed = Totals(invoice);
        var reported = Totals(committed);
        // The date that keyed the rates on both sides, as every other notice names it.
        var date = InvoiceTaxes.InvoiceDate(invoice.Period).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            .. billed.Keys.Union(reported.Keys)
                .Select(key => (key.Location, key.Kind, Billed: billed.GetValueOrDefault(key), Committed: reported.GetValueOrDefault(key)))
                .Where(t => t.Billed != t.Committed)
                .OrderBy(t => t.Location, StringComparer.Ordinal).ThenBy(t => t.Kind)
                .Select(t => new TaxNotice(RuleKey(t.Kind), TaxNoticeReason.CommitDiffers, string.Create(CultureInfo.InvariantCulture,
                    $"the tax service committed {t.Committed:0.00} {invoice.Currency} for invoice {invoice.Number} where the invoice bills {t.Billed:0.00} {invoice.Currency}: a rate changed between the draft and numbering"))
                {
                    Date = date,
                    Location = t.Location,
                }),
        ];
    }

    /// <summary>The notice's rule key: <c>committed:{kind}</c>, e.g. <c>committed:Emergency911</c>.</summary>
    public static string RuleKey(TaxKind kind) => $"committed:{kind}";

    private static Dictionary<(string? Location, TaxKind Kind), decimal> Totals(Invoice invoice) =>
        invoice.Lines.Where(l => l.Tax is not null)
            .GroupBy(l => (l.Location, l.Tax!.Kind))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Amount.Amount));
}
