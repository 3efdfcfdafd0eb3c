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
