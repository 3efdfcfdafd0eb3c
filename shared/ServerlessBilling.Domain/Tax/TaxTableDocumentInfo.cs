namespace ServerlessBilling.Tax;

/// <summary>A tax table document as the operator sees it: shipped with the product or stored (in the <c>tax-tables</c> container).</summary>
public sealed record TaxTableDocumentInfo(string Name, string Origin, string? Description, IReadOnlyList<string> Rules, string? ETag, DateTimeOffset? LastModified);
