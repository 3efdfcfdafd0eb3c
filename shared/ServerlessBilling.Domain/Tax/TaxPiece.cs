namespace ServerlessBilling.Tax;

/// <summary>An unrounded tax amount on one charge (or on the invoice's lines), before rounding groups and rounds it.</summary>
/// <param name="ItemIndex">The charge in <see cref="TaxRequest.Items"/>, or null for per-line and flat amounts.</param>
/// <param name="UsfCap">For a USF recovery amount, the most 47 CFR 54.712 allows on this base; null otherwise.</param>
internal sealed record TaxPiece(
    TaxRule Rule,
    TaxJurisdiction Jurisdiction,
    TaxRuleVersion Version,
    int? ItemIndex,
    string? Reference,
    decimal Base,
    decimal Units,
    decimal Unrounded,
    decimal? UsfCap,
    Form499Category Category);
