namespace ServerlessBilling.Tax;

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
