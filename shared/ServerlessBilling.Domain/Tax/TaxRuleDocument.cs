namespace ServerlessBilling.Tax;

/// <summary>The JSON shape of one rule; omitted lists mean "none" and an omitted order means 100.</summary>
/// <param name="BasisClause">The clause that sets the rule's measure (what one line is, which revenue a rate applies to).</param>
/// <param name="BasisSource">Where that clause was read.</param>
/// <param name="InvoiceLabel">A combined label the invoice shows for every rule of the jurisdiction that has it.</param>
public sealed record TaxRuleDocument(
    string Key,
    string Jurisdiction,
    TaxKind Kind,
    string Label,
    TaxBasis Basis,
    IReadOnlyList<ProductCategory>? AppliesTo,
    IReadOnlyList<CustomerType>? CustomerTypes,
    RevenuePortion Portion,
    LineUnit? LineUnit,
    int? Order,
    IReadOnlyList<string>? BaseIncludes,
    bool ResaleExempt,
    bool Optional,
    IReadOnlyList<TaxRuleVersion>? Versions,
    string? BasisClause = null,
    string? BasisSource = null,
    string? InvoiceLabel = null)
{
    public TaxRule ToRule() => new(
        Key, Jurisdiction, Kind, Label, Basis, AppliesTo ?? [], CustomerTypes ?? [], Portion, LineUnit, Order ?? 100,
        BaseIncludes ?? [], ResaleExempt, Optional, Versions ?? [])
    {
        BasisClause = BasisClause,
        BasisSource = BasisSource,
        InvoiceLabel = InvoiceLabel,
    };
}
