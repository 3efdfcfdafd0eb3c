namespace ServerlessBilling.Tax;

/// <summary>Federal USF recovery billed per quarter of a year, next to the end-user interstate and international telecom revenue it was billed on.</summary>
/// <remarks>
/// <see cref="UsfQuarter.EffectiveRate"/> is billed ÷ base: at most the quarter's factor when every invoice was keyed in the quarter (47 CFR 54.712).
/// A credit note is netted in the quarter of its own issue date (base and billed both reduced), not in its invoice's quarter.
/// </remarks>
public sealed record UsfRecoveryReport(int Year, IReadOnlyList<UsfQuarter> Quarters)
{
    public static UsfRecoveryReport For(int year, IReadOnlyList<TaxLedgerEntry> entries) => new(year,
    [
        .. entries.GroupBy(e => (Quarter: (e.IssueDate.Month + 2) / 3, e.Currency))
            .Select(g =>
            {
                var billed = g.Sum(e => e.Taxes.Where(t => t.Kind == TaxKind.FederalUsfRecovery).Sum(t => t.Amount));
                var basis = g.Sum(e => e.Revenue.Where(r => r.Form499 == Form499Category.EndUserTelecom).Sum(r => r.Interstate + r.International));
                return new UsfQuarter($"{year}-Q{g.Key.Quarter}", g.Key.Currency, g.Invoices(), basis, billed,
                    basis == 0m ? null : decimal.Round(billed / basis, 6, MidpointRounding.AwayFromZero), g.CreditNotes());
            })
            .OrderBy(q => q.Quarter, StringComparer.Ordinal).ThenBy(q => q.Currency, StringComparer.Ordinal),
    ]);
}

/// <param name="Base">End-user interstate + international telecom revenue of the quarter's invoices, net of its credit notes.</param>
/// <param name="EffectiveRate">Billed ÷ base, to 6 places; null without a base.</param>
/// <param name="CreditNotes">Credit notes issued in the quarter and netted in it.</param>
public sealed record UsfQuarter(string Quarter, string Currency, int Invoices, decimal Base, decimal Billed, decimal? EffectiveRate, int CreditNotes = 0);

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

public sealed record TaxLiability(
    string Month,
    string Jurisdiction,
    string JurisdictionName,
    JurisdictionLevel Level,
    TaxKind Kind,
    string RuleKey,
    string Currency,
    decimal Amount,
    decimal Unrounded,
    int Invoices,
    int CreditNotes = 0);
