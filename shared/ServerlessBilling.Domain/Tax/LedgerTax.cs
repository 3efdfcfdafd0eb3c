namespace ServerlessBilling.Tax;

/// <summary>An invoice's billed amount of one tax rule in one jurisdiction.</summary>
public sealed record LedgerTax(string RuleKey, string Jurisdiction, string JurisdictionName, JurisdictionLevel Level, TaxKind Kind, decimal Amount, decimal Unrounded);
