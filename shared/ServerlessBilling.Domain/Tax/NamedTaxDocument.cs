namespace ServerlessBilling.Tax;

/// <summary>One tax table document by name (<c>federal</c>, <c>ca</c> ...): a shipped file or a blob an operator uploaded.</summary>
/// <param name="Name">The file name without <c>.json</c>; a stored document replaces the shipped one of the same name.</param>
public sealed record NamedTaxDocument(string Name, ReadOnlyMemory<byte> Content);
