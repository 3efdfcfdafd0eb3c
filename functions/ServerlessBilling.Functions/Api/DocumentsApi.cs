using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Api;

/// <summary>The files of final invoices and issued credit notes: streamed downloads (<c>pdf</c>, <c>json</c>, <c>csv</c>, and an
/// invoice's <c>xlsx</c>) and short-lived signed links.</summary>
public sealed class DocumentsApi(DocumentAccess documents)
{
    [ApiOperation("Documents", "Download a final invoice's PDF, JSON, usage CSV or usage XLSX (made from the CSV: calls, totals, summaries per component and per number)",
        Files = ["application/pdf", "application/json", "text/csv", DocumentAddress.XlsxContentType],
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("DownloadInvoiceDocument")]
    public Task<IResult> DownloadInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices/{invoiceId}/documents/{kind}")] HttpRequest request,
        string accountId,
        string invoiceId,
        string kind,
        CancellationToken cancellationToken) =>
        DownloadAsync(RouteIds.Invoice(invoiceId), accountId, invoiceId, creditNote: false, kind, cancellationToken);

    [ApiOperation("Documents", "Download an issued credit note's PDF or JSON",
        Files = ["application/pdf", "application/json"],
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("DownloadCreditNoteDocument")]
    public Task<IResult> DownloadCreditNote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/credit-notes/{creditNoteId}/documents/{kind}")] HttpRequest request,
        string accountId,
        string creditNoteId,
        string kind,
        CancellationToken cancellationToken) =>
        DownloadAsync(RouteIds.CreditNote(creditNoteId), accountId, creditNoteId, creditNote: true, kind, cancellationToken);

    /// <summary>200 with <c>{"kind":"pdf","url":"...","expiresAt":"..."}</c>: the route an event's <c>linkRoute</c> names, for a
    /// consumer whose event's link expired; 404 naming the file unless it is stored.</summary>
    [ApiOperation("Documents", "A short-lived signed link to one of a final invoice's files (pdf, json, csv or xlsx)",
        Response = typeof(DocumentLink),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetInvoiceDocumentLink")]
    public Task<IResult> InvoiceLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices/{invoiceId}/documents/{kind}/link")] HttpRequest request,
        string accountId,
        string invoiceId,
        string kind,
        CancellationToken cancellationToken) =>
        LinkAsync(RouteIds.Invoice(invoiceId), accountId, invoiceId, creditNote: false, kind, cancellationToken);

    [ApiOperation("Documents", "A short-lived signed link to one of an issued credit note's files (pdf or json)",
        Response = typeof(DocumentLink),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCreditNoteDocumentLink")]
    public Task<IResult> CreditNoteLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/credit-notes/{creditNoteId}/documents/{kind}/link")] HttpRequest request,
        string accountId,
        string creditNoteId,
        string kind,
        CancellationToken cancellationToken) =>
        LinkAsync(RouteIds.CreditNote(creditNoteId), accountId, creditNoteId, creditNote: true, kind, cancellationToken);

    /// <summary>200 with <c>[{"kind":"pdf","url":"...","expiresAt":"..."}, ...]</c>; 404 unless the invoice is final.</summary>
    [ApiOperation("Documents", "Short-lived signed links to a final invoice's files",
        Response = typeof(IReadOnlyList<DocumentLink>),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetInvoiceDocumentLinks")]
    public Task<IResult> InvoiceLinks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices/{invoiceId}/links")] HttpRequest request,
        string accountId,
        string invoiceId,
        CancellationToken cancellationToken) =>
        LinksAsync(RouteIds.Invoice(invoiceId), accountId, invoiceId, creditNote: false, cancellationToken);

    [ApiOperation("Documents", "Short-lived signed links to an issued credit note's files",
        Response = typeof(IReadOnlyList<DocumentLink>),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCreditNoteDocumentLinks")]
    public Task<IResult> CreditNoteLinks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/credit-notes/{creditNoteId}/links")] HttpRequest request,
        string accountId,
        string creditNoteId,
        CancellationToken cancellationToken) =>
        LinksAsync(RouteIds.CreditNote(creditNoteId), accountId, creditNoteId, creditNote: true, cancellationToken);

    private async Task<IResult> DownloadAsync(
        ResourceIds.Named documentId, string accountId, string id, bool creditNote, string kind, CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), documentId) is { } refused)
        {
            return refused;
        }

        if (DocumentAddress.ParseKind(kind) is not { } parsed)
        {
            return ProblemResults.Invalid("No document", new RecordProblem("kind", $"'{kind}' is not one of pdf, json, csv, xlsx"));
        }

        var opened = await documents.OpenAsync(new DocumentAddress(accountId, id, creditNote, parsed), cancellationToken);
        // The stream is the blob's own network stream, disposed by the result once copied to the response.
        return opened.ToResult(file => Results.Stream(file.Content, file.ContentType, file.FileName));
    }

    private async Task<IResult> LinkAsync(
        ResourceIds.Named documentId, string accountId, string id, bool creditNote, string kind, CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), documentId) is { } refused)
        {
            return refused;
        }

        if (DocumentAddress.ParseKind(kind) is not { } parsed)
        {
            return ProblemResults.Invalid("No document", new RecordProblem("kind", $"'{kind}' is not one of pdf, json, csv, xlsx"));
        }

        var signed = await documents.LinkAsync(new DocumentAddress(accountId, id, creditNote, parsed), cancellationToken);
        return signed.ToResult(link => Results.Ok(link));
    }

    private async Task<IResult> LinksAsync(ResourceIds.Named documentId, string accountId, string id, bool creditNote, CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), documentId) is { } refused)
        {
            return refused;
        }

        var signed = await documents.LinksAsync(accountId, id, creditNote, cancellationToken);
        return signed.ToResult(links => Results.Ok(links));
    }
}
