using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>Rounds the unrounded taxes a commercial tax service returned the way the built-in engine rounds its own, so
/// <see cref="TaxSettings.Rounding"/> means the same whichever calculator is configured.</summary>
/// <remarks>
/// Each service tax becomes a piece of a rule keyed by <see cref="ServiceTax.Key"/>, and <see cref="TaxRounder"/> does the rest:
/// per line, per invoice (a tax's amounts summed per Form 499-A category and rounded once) or per document (per-line amounts
/// whose residual cent goes to the largest line), always half away from zero. A service applies caps itself, so no
/// USF cap guard is involved.
/// </remarks>
public static class ServiceTaxRounding
{
    /// <param name="source">Where the taxes came from, kept as the source of each tax line's rate (e.g. <c>Avalara AFC</c>).</param>
    public static IReadOnlyList<TaxLine> Round(IReadOnlyList<ServiceTax> taxes, TaxRounding rounding, string currency, LocalDate date, string source)
    {
        var pieces = taxes.Where(t => t.Unrounded != 0m).Select(t => Piece(t, date, source)).ToList();
        var reported = taxes.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().ReportedToJurisdiction);
        return [.. TaxRounder.Round(pieces, rounding, currency).Select(line => line with { ReportedToJurisdiction = reported[line.RuleKey] })];
    }

    private static TaxPiece Piece(ServiceTax tax, LocalDate date, string source)
    {
        var basis = tax.Rate is not null ? TaxBasis.Percent : TaxBasis.PerLine;
        var rule = new TaxRule(tax.Key, tax.Jurisdiction, tax.Kind, tax.Label, basis, [], [], RevenuePortion.Total, null, 0, [], false, false, []);
        var version = new TaxRuleVersion(date, null, tax.Rate, tax.UnitAmount, null, SourceStatus.Verified, source, date);
        var jurisdiction = new TaxJurisdiction(tax.Jurisdiction, tax.Level, tax.JurisdictionName);
        return new TaxPiece(rule, jurisdiction, version, null, tax.Reference, tax.TaxableBase, tax.Units, tax.Unrounded, null, tax.BaseCategory);
    }
}
