namespace ServerlessBilling.Invoicing;

/// <summary>A credit note issued, or found again for a repeated key (<see cref="Created"/> false), with its documents.</summary>
public sealed record IssuedCreditNote(CreditNote CreditNote, CreditNoteDocuments Documents, bool Created);
