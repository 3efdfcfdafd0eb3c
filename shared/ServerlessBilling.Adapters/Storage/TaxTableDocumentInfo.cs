namespace ServerlessBilling.Storage;

/// <summary>A tax table document as the operator sees it: shipped with the product or stored in <c>tax-tables</c>.</summary>
public sealed record TaxTableDocumentInfo(string Name, string Origin, string? Description, IReadOnlyList<string> Rules, string? ETag, DateTimeOffset? LastModified);
