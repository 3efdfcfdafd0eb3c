using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.Invoicing;

/// <summary>The last step every billing document shares, whatever its kind (<see cref="InvoiceIssuing"/>,
/// <see cref="CreditNoteDocumentIssuing"/>): render its PDF, store its documents under its id, announce it.</summary>
/// <typeparam name="TDocument">The numbered document to issue.</typeparam>
/// <typeparam name="TDocuments">Where its stored documents are.</typeparam>
/// <remarks>
/// The document is numbered before it gets here, each kind from its own gapless sequence (an invoice in its own step of
/// the close, a credit note once its credit is reserved). Idempotent by the document's id: the documents are written under
/// it and the event is keyed by it, so a step retried after a crash part-way stores the same documents and announces once.
/// The event names each file's download route and a link signed when the document is issued (<paramref name="links"/>; none
/// when null), so a consumer fetches the files without a key while the links last.
/// </remarks>
public abstract class DocumentIssuing<TDocument, TDocuments>(IOutbox outbox, DocumentAccess? links)
{
    /// <param name="document">A document already given its number.</param>
    /// <param name="issuedAt">The moment the event reports.</param>
    public async Task<TDocuments> IssueAsync(TDocument document, Instant issuedAt, CancellationToken cancellationToken)
    {
        var documents = await StoreAsync(document, RenderPdf(document), cancellationToken);
        var (accountId, documentId, creditNote) = Identify(document);
        var files = await FilesAsync(accountId, documentId, creditNote, WorkbookStored(documents), cancellationToken);
        await outbox.AddAsync(IssuedEvent(document, documents, files, issuedAt), cancellationToken);
        return documents;
    }

    /// <summary>Whose document it is, its id, and whether it is a credit note (else an invoice).</summary>
    protected abstract (string AccountId, string DocumentId, bool CreditNote) Identify(TDocument document);

    protected abstract byte[] RenderPdf(TDocument document);

    /// <summary>Whether <see cref="StoreAsync"/> stored a usage workbook (it is then signed without being looked up, a request a
    /// document); false: looked up.</summary>
    protected virtual bool WorkbookStored(TDocuments documents) => false;

    /// <summary>Writes the document's JSON, its PDF and whatever else its kind keeps, once.</summary>
    protected abstract Task<TDocuments> StoreAsync(TDocument document, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken);

    /// <summary>The event that announces the document, keyed by its id.</summary>
    /// <param name="files">Each stored file with its route and signed link.</param>
    protected abstract DomainEvent IssuedEvent(TDocument document, TDocuments documents, IReadOnlyList<EventDocument> files, Instant issuedAt);

    /// <summary>The route as the event carries it: absolute under <c>Documents:PublicBaseUrl</c> when the host knows it.</summary>
    protected string Addressed(string route) => links?.Addressed(route) ?? route;

    private async Task<IReadOnlyList<EventDocument>> FilesAsync(
        string accountId, string documentId, bool creditNote, bool workbookStored, CancellationToken cancellationToken)
    {
        var signed = links is null ? [] : await links.SignAllAsync(accountId, documentId, creditNote, cancellationToken, workbookStored);
        return
        [
            .. (creditNote ? DocumentAddress.CreditNoteKinds : DocumentAddress.InvoiceKinds).Select(kind =>
            {
                var name = DocumentAddress.KindName(kind);
                var link = signed.FirstOrDefault(l => l.Kind == name);
                var address = new DocumentAddress(accountId, documentId, creditNote, kind);
                return new EventDocument(name, Addressed(address.Route), link?.Url, link?.ExpiresAt, Addressed(address.LinkRoute));
            }),
        ];
    }
}
