using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>One tax or fee of one jurisdiction, with its rates over time.</summary>
/// <param name="Key">Unique id of the rule across all loaded tables, e.g. <c>us-fusf</c>; tax lines and errors name it.</param>
/// <param name="AppliesTo">Product categories whose charges a percentage rule taxes; ignored by per-line and flat rules.</param>
/// <param name="CustomerTypes">Customer types the rule applies to; empty means all.</param>
/// <param name="Portion">The jurisdictional part of each charge a percentage rule uses.</param>
/// <param name="LineUnit">What one line is, for a per-line rule.</param>
/// <param name="Order">Calculation order, lowest first. A rule may include in its base only taxes of a lower order.</param>
/// <param name="BaseIncludes">Keys of earlier rules whose amounts are part of this rule's base (tax on tax).</param>
/// <param name="ResaleExempt">True when a valid reseller certificate takes the customer out of this rule (USF: carrier's-carrier revenue).</param>
/// <param name="Optional">A company fee the provider bills only if it lists the key in <see cref="TaxSettings.EnabledOptionalRules"/>.</param>
/// <param name="Versions">Rates by effective period; they must follow each other without gap or overlap.</param>
public sealed record TaxRule(
    string Key,
    string Jurisdiction,
    TaxKind Kind,
    string Label,
    TaxBasis Basis,
    IReadOnlyList<ProductCategory> AppliesTo,
    IReadOnlyList<CustomerType> CustomerTypes,
    RevenuePortion Portion,
    LineUnit? LineUnit,
    int Order,
    IReadOnlyList<string> BaseIncludes,
    bool ResaleExempt,
    bool Optional,
    IReadOnlyList<TaxRuleVersion> Versions)
{
    /// <summary>The name of the document the rule was loaded from (<c>federal</c>, <c>ca</c> ...), so a notice can say which table to update.</summary>
    public string? Table { get; init; }

    /// <summary>The clause that says what the rule is measured on (per number, per channel, per device, per account, a share of which revenue), in short.</summary>
    /// <remarks>The rate's source and the basis's source often differ: a rate page may say "per line" where the statute or the agency's ruling says what a VoIP line is.</remarks>
    public string? BasisClause { get; init; }

    /// <summary>Where <see cref="BasisClause"/> was read (an address or a document's name).</summary>
    public string? BasisSource { get; init; }

    /// <summary>The label the invoice shows; rules of one jurisdiction sharing it are shown as one combined line (California's
    /// "911/988 Surcharge", R&amp;T Code 41022). Null: <see cref="Label"/>, on a line of its own. The ledger and reports keep rules apart.</summary>
    public string? InvoiceLabel { get; init; }

    public TaxRuleVersion? VersionOn(LocalDate date) => Versions.FirstOrDefault(v => v.IsInForceOn(date));

    public bool AppliesToCustomer(CustomerType type) => CustomerTypes.Count == 0 || CustomerTypes.Contains(type);
}
