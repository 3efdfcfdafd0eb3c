namespace ServerlessBilling.Tax;

/// <summary>Counts for report rows: invoices and credit notes are counted apart, so a credit note never counts as an invoice.</summary>
internal static class LedgerCounts
{
    public static int Invoices(this IEnumerable<TaxLedgerEntry> entries) =>
        entries.Where(e => e.CreditNoteId is null).Select(e => e.InvoiceId).Distinct(StringComparer.Ordinal).Count();

    public static int CreditNotes(this IEnumerable<TaxLedgerEntry> entries) =>
        entries.Select(e => e.CreditNoteId).OfType<string>().Distinct(StringComparer.Ordinal).Count();
}
