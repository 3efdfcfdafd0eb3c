namespace ServerlessBilling.Tax;

/// <summary>The documents in force and, when the stored ones were last rejected, why (the previous table stays in use).</summary>
public sealed record TaxTableListing(IReadOnlyList<TaxTableDocumentInfo> Documents, string? Rejected);
