namespace ServerlessBilling.Tax;

/// <summary>One unrounded tax a commercial tax service computed on one charge (or on the invoice's lines), before
/// <see cref="ServiceTaxRounding"/> turns it into a <see cref="TaxLine"/>.</summary>
/// <param name="Key">Identifies the tax across charges, so per-invoice rounding sums the same tax once (e.g. the service's tax type,
/// level and jurisdiction code).</param>
/// <param name="Reference">The charge it was computed on, or null when it belongs to no charge (a per-line fee on the lines at an address).</param>
/// <param name="TaxableBase">The measure a percentage was applied to, as the service reports it (it includes earlier taxes when the tax is on tax).</param>
/// <param name="Rate">The fraction applied, for a percentage tax; null otherwise.</param>
/// <param name="UnitAmount">The amount per line, per minute or per invoice, for a tax that is not a percentage; null otherwise.</param>
/// <param name="Units">Lines, minutes or 1 (flat) for a tax that is not a percentage; 0 for a percentage.</param>
/// <param name="Unrounded">The amount as the service computed it, unrounded.</param>
/// <param name="BaseCategory">Where the charge's revenue belongs on Form 499-A.</param>
public sealed record ServiceTax(
    string Key,
    string Jurisdiction,
    string JurisdictionName,
    JurisdictionLevel Level,
    TaxKind Kind,
    string Label,
    string? Reference,
    decimal TaxableBase,
    decimal? Rate,
    decimal? UnitAmount,
    decimal Units,
    decimal Unrounded,
    Form499Category BaseCategory)
{
    /// <summary>False when the service says the tax is not reported to the jurisdiction (a billable, non-compliance tax); null when it does not say.</summary>
    public bool? ReportedToJurisdiction { get; init; }
}
