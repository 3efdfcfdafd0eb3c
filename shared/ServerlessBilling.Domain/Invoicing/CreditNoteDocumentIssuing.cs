using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.Invoicing;

/// <summary>The last step of a credit note, as of an invoice: store its JSON and PDF, and announce <c>credit_note.issued</c>.</summary>
/// <remarks>Idempotent by the note's id, which <see cref="CreditNoteIssuing"/> derives from the invoice and the client's key.</remarks>
public sealed class CreditNoteDocumentIssuing(ICreditNoteStore creditNotes, ICreditNoteRenderer renderer, IOutbox outbox, DocumentAccess? links = null)
    : DocumentIssuing<CreditNote, CreditNoteDocuments>(outbox, links)
{
    protected override byte[] RenderPdf(CreditNote document) => renderer.RenderPdf(document);

    protected override Task<CreditNoteDocuments> StoreAsync(CreditNote document, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) =>
        creditNotes.SaveAsync(document, pdf, cancellationToken);

    protected override (string AccountId, string DocumentId, bool CreditNote) Identify(CreditNote document) => (document.AccountId, document.Id, true);

    /// <summary>The <c>credit_note.issued</c> event, keyed by the note's id so a repeated request announces once.</summary>
    protected override DomainEvent IssuedEvent(CreditNote document, CreditNoteDocuments documents, IReadOnlyList<EventDocument> files, Instant issuedAt) =>
        DomainEvent.Create(DomainEvent.CreditNoteIssued, document.Id, issuedAt, document.AccountId, new CreditNoteIssuedData(
            document.Id, document.Number, document.AccountId, document.InvoiceId, document.InvoiceNumber, document.IssueDate, document.Total.Amount,
            document.Currency, document.Reason, documents.Json, documents.Pdf)
        {
            Documents = files,
            LinksRoute = Addressed(DocumentAddress.LinksRoute(document.AccountId, document.Id, creditNote: true)),
        });
}
