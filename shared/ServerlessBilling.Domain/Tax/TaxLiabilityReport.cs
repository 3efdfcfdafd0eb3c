namespace ServerlessBilling.Tax;

/// <summary>Taxes and fees billed per month of a year, by jurisdiction, tax kind and rule: what is owed to each authority.</summary>
/// <remarks>
/// <see cref="TaxLiability.Amount"/> is what the invoices billed (rounded) less what credit notes credited back; <see cref="TaxLiability.Unrounded"/>
/// is kept for remittance reconciliation. A credit note reduces the liability of the month of its own issue date.
/// </remarks>
public sealed record TaxLiabilityReport(int Year, IReadOnlyList<TaxLiability> Rows)
{
    public static TaxLiabilityReport For(int year, IReadOnlyList<TaxLedgerEntry> entries) => new(year,
    [
        .. entries.SelectMany(e => e.Taxes.Select(t => (Entry: e, Tax: t)))
            .GroupBy(x => (Month: x.Entry.IssueDate.Month, x.Tax.Jurisdiction, x.Tax.JurisdictionName, x.Tax.Level, x.Tax.Kind, x.Tax.RuleKey, x.Entry.Currency))
            .Select(g => new TaxLiability($"{year}-{g.Key.Month:D2}", g.Key.Jurisdiction, g.Key.JurisdictionName, g.Key.Level, g.Key.Kind, g.Key.RuleKey,
                g.Key.Currency, g.Sum(x => x.Tax.Amount), g.Sum(x => x.Tax.Unrounded), g.Select(x => x.Entry).Invoices(), g.Select(x => x.Entry).CreditNotes()))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Jurisdiction, StringComparer.Ordinal).ThenBy(r => r.Kind).ThenBy(r => r.RuleKey, StringComparer.Ordinal),
    ]);
}
