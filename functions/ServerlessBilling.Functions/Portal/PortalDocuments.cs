using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Invoice and credit note files for the signed-in customer, streamed from the same documents the API serves. The account
/// is the session's (or its location's), never the route's, so another account's document id finds nothing.</summary>
public sealed class PortalDocuments(PortalGate gate, DocumentAccess documents, PortalMessages messages)
{
    [ApiOperation("Portal", "Customer portal: download an invoice's PDF or usage CSV",
        Description = "Needs the portal session cookie; `kind` is `pdf` or `csv`. Another account's invoice is not found (404).",
        Files = ["application/pdf", "text/csv", "text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("DownloadPortalInvoice")]
    public Task<IResult> Invoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/invoices/{invoiceId}/{kind}")] HttpRequest request,
        string invoiceId,
        string kind,
        CancellationToken cancellationToken) =>
        DownloadAsync(request, RouteIds.Invoice(invoiceId), creditNote: false, kind, [DocumentKind.Pdf, DocumentKind.UsageCsv], cancellationToken);

    [ApiOperation("Portal", "Customer portal: download a credit note's PDF",
        Description = "Needs the portal session cookie; `kind` is `pdf`. Another account's credit note is not found (404).",
        Files = ["application/pdf", "text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("DownloadPortalCreditNote")]
    public Task<IResult> CreditNote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/credit-notes/{creditNoteId}/{kind}")] HttpRequest request,
        string creditNoteId,
        string kind,
        CancellationToken cancellationToken) =>
        DownloadAsync(request, RouteIds.CreditNote(creditNoteId), creditNote: true, kind, [DocumentKind.Pdf], cancellationToken);

    private async Task<IResult> DownloadAsync(
        HttpRequest request, ResourceIds.Named id, bool creditNote, string kind, DocumentKind[] offered, CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync(request, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        if (RouteIds.Refuse(id) is not null || DocumentAddress.ParseKind(kind) is not { } parsed || !offered.Contains(parsed))
        {
            return messages.NotFound();
        }

        var opened = await documents.OpenAsync(new DocumentAddress(view.Shown.Id, id.Value!, creditNote, parsed), cancellationToken);
        return opened.Succeeded
            ? new SecuredResult(Results.Stream(opened.Value.Content, opened.Value.ContentType, opened.Value.FileName))
            : messages.NotFound();
    }
}
