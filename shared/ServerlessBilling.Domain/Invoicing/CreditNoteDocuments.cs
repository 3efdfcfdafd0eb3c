namespace ServerlessBilling.Invoicing;

/// <summary>Where a credit note's documents are kept (blob names).</summary>
public sealed record CreditNoteDocuments(string Json, string Pdf);
