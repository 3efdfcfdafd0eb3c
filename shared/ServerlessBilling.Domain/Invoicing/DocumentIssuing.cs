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
/// </remarks>
public abstract class DocumentIssuing<TDocument, TDocuments>(IOutbox outbox)
{
    /// <param name="document">A document already given its number.</param>
    /// <param name="issuedAt">The moment the event reports.</param>
    public async Task<TDocuments> IssueAsync(TDocument document, Instant issuedAt, CancellationToken cancellationToken)
    {
        var documents = await StoreAsync(document, RenderPdf(document), cancellationToken);
        await outbox.AddAsync(IssuedEvent(document, documents, issuedAt), cancellationToken);
        return documents;
    }

    protected abstract byte[] RenderPdf(TDocument document);

    /// <summary>Writes the document's JSON, its PDF and whatever else its kind keeps, once.</summary>
    protected abstract Task<TDocuments> StoreAsync(TDocument document, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken);

    /// <summary>The event that announces the document, keyed by its id.</summary>
    protected abstract DomainEvent IssuedEvent(TDocument document, TDocuments documents, Instant issuedAt);
}
