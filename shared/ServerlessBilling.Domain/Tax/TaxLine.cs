namespace ServerlessBilling.Tax;

/// <summary>One tax or fee on an invoice.</summary>
/// <param name="RuleKey">The rule that produced it.</param>
/// <param name="Reference">The charge it was computed on (per-line rounding), or null when it covers the invoice.</param>
/// <param name="TaxableBase">The measure the rate was applied to: an amount for a percentage rule (including earlier taxes it includes), otherwise zero.</param>
/// <param name="Rate">The fraction applied, for a percentage rule.</param>
/// <param name="UnitAmount">The amount per line or per invoice, for per-line and flat rules.</param>
/// <param name="Units">Lines charged (after any cap), 1 for a flat fee, 0 for a percentage rule.</param>
/// <param name="Unrounded">The exact amount, kept for remittance reconciliation.</param>
/// <param name="Amount">The amount billed, rounded half away from zero to the currency's minor unit.</param>
/// <param name="BaseCategory">Where the base's revenue belongs on Form 499-A.</param>
public sealed record TaxLine(
    string RuleKey,
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
    Money Amount,
    Form499Category BaseCategory)
{
    /// <summary>The rule's combined invoice label (<see cref="TaxRule.InvoiceLabel"/>), or null when it is shown on its own.</summary>
    public string? InvoiceLabel { get; init; }

    /// <summary>False when a commercial tax service says the tax is billed but not reported to the jurisdiction; null for the
    /// built-in engine's taxes, which are all reported.</summary>
    public bool? ReportedToJurisdiction { get; init; }
}
