using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.Invoicing;

/// <summary>The last step of every invoice, whatever made it (a period's close, a late fee on its own invoice): store the
/// final JSON, its PDF and its usage detail, and announce <c>invoice.finalized</c>.</summary>
/// <remarks>
/// Idempotent by the invoice id: the documents are written under it and the event is keyed by it, so a step retried
/// after a crash part-way stores the same documents and announces once.
/// </remarks>
public sealed class InvoiceIssuing(IInvoiceStore invoices, IInvoiceRenderer renderer, IOutbox outbox, DocumentAccess? links = null)
    : DocumentIssuing<InvoiceToIssue, InvoiceDocuments>(outbox, links)
{
    /// <param name="final">An invoice already given its number and dates (<see cref="Invoice.Finalize"/>).</param>
    /// <param name="usage">The calls it bills (<see cref="UsageDetail.None"/> when it bills none: the CSV is then a header and a zero total).</param>
    /// <param name="issuedAt">The moment the event reports.</param>
    public Task<InvoiceDocuments> IssueAsync(Invoice final, UsageDetail usage, Instant issuedAt, CancellationToken cancellationToken)
    {
        if (!final.IsFinal)
        {
            throw new InvalidOperationException($"Invoice '{final.Id}' has no number yet; finalize it before issuing it.");
        }

        return IssueAsync(new InvoiceToIssue(final, usage), issuedAt, cancellationToken);
    }

    protected override byte[] RenderPdf(InvoiceToIssue document) => renderer.RenderPdf(document.Invoice, document.Usage);

    protected override Task<InvoiceDocuments> StoreAsync(InvoiceToIssue document, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) =>
        invoices.SaveFinalAsync(document.Invoice, pdf, document.WriteUsageDetailAsync, cancellationToken);

    /// <remarks>The store writes the workbook with the invoice's other files (<see cref="IInvoiceStore.SaveFinalAsync"/>, or keeps an
    /// earlier attempt's), and names it in what it returns.</remarks>
    protected override bool WorkbookStored(InvoiceDocuments documents) => !string.IsNullOrEmpty(documents.UsageXlsx);

    protected override (string AccountId, string DocumentId, bool CreditNote) Identify(InvoiceToIssue document) =>
        (document.Invoice.AccountId, document.Invoice.Id, false);

    /// <summary>The <c>invoice.finalized</c> event, keyed by the invoice id so a retried step announces once.</summary>
    protected override DomainEvent IssuedEvent(InvoiceToIssue document, InvoiceDocuments documents, IReadOnlyList<EventDocument> files, Instant issuedAt)
    {
        var invoice = document.Invoice;
        return DomainEvent.Create(DomainEvent.InvoiceFinalized, invoice.Id, issuedAt, invoice.AccountId, new InvoiceFinalizedData(
            invoice.Id, invoice.Number!, invoice.AccountId, invoice.Period.Key, invoice.IssueDate!.Value, invoice.DueDate!.Value,
            invoice.Total.Amount, invoice.Currency, documents.Json, documents.Pdf, documents.UsageCsv)
        {
            TaxNotices = invoice.TaxNotices,
            UsageXlsxDocument = documents.UsageXlsx,
            Documents = files,
            LinksRoute = Addressed(DocumentAddress.LinksRoute(invoice.AccountId, invoice.Id, creditNote: false)),
        });
    }
}
