namespace ServerlessBilling.Tax;

/// <summary>An accepted tax table upload: the table now in force and the document's new version.</summary>
public sealed record TaxTableWrite(TaxTable Table, string Version);
