namespace ServerlessBilling.Tax;

/// <summary>The JSON shape of a tax table document.</summary>
public sealed record TaxTableDocument(string? Description, IReadOnlyList<TaxJurisdiction>? Jurisdictions, IReadOnlyList<TaxRuleDocument>? Rules);
