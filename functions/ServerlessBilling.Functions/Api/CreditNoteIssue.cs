using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Functions.Api;

/// <summary>A credit note issued (or found again under its idempotency key), its total and where its documents are kept.</summary>
/// <param name="JsonDocument">The blob path of the note's JSON document.</param>
/// <param name="PdfDocument">The blob path of the note's PDF.</param>
public sealed record CreditNoteIssue(CreditNote CreditNote, decimal Total, string JsonDocument, string PdfDocument);
