using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>/api/accounts/{accountId}/invoices/{invoiceId}/credit-notes</c>: correct a final invoice with a credit note, and list its notes
/// (or the account's, every invoice's).</summary>
public sealed class CreditNotesApi(CreditNoteIssuing issuing)
{
    private const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>201 with the new note; 200 with the same note when the key was used before; 400 naming the field; 404 without a final invoice.</summary>
    [ApiOperation("Invoices", "Issue a credit note on a final invoice",
        Description = "201 with the new note; 200 with the same note when its idempotency key (body or `Idempotency-Key` header) was used before.",
        Request = typeof(CreditNoteRequest),
        Response = typeof(CreditNoteIssue),
        Status = 201,
        AlsoStatus = 200,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"idempotencyKey":"cn-2026-11-1","reason":"Duplicate charge","amount":12.50}""")]
    [Function("IssueCreditNote")]
    public async Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/invoices/{invoiceId}/credit-notes")] HttpRequest request,
        string accountId,
        string invoiceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Invoice(invoiceId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadJsonAsync<CreditNoteRequest>(request, $"The credit note for {invoiceId} is not a valid document", cancellationToken);
        if (!read.TryGetValue(out var body))
        {
            return ProblemResults.From(read.Problem!);
        }

        if (body.IdempotencyKey is null && request.Headers[IdempotencyHeader].FirstOrDefault() is { Length: > 0 } key)
        {
            body = body with { IdempotencyKey = key };
        }

        var issued = await issuing.IssueAsync(accountId, invoiceId, body, new DurableCollections(client), cancellationToken);
        return issued.ToResult(outcome =>
        {
            var note = outcome.CreditNote;
            var result = new CreditNoteIssue(note, note.Total.Amount, outcome.Documents.Json, outcome.Documents.Pdf);
            return outcome.Created
                ? Results.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}/invoices/{Uri.EscapeDataString(invoiceId)}/credit-notes", result)
                : Results.Ok(result);
        });
    }

    [ApiOperation("Invoices", "List a final invoice's credit notes",
        Response = typeof(IReadOnlyList<CreditNote>),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("ListCreditNotes")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices/{invoiceId}/credit-notes")] HttpRequest request,
        string accountId,
        string invoiceId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Invoice(invoiceId)) is { } refused)
        {
            return refused;
        }

        return await issuing.ListAsync(accountId, invoiceId, cancellationToken) is { } notes
            ? Results.Ok(notes)
            : ProblemResults.NotFound($"Final invoice '{invoiceId}' of account '{accountId}'");
    }

    /// <summary><c>GET /api/accounts/{accountId}/credit-notes</c>: a page of the account's credit notes, every invoice's (<c>limit</c>, <c>cursor</c>).</summary>
    [ApiOperation("Invoices", "List an account's credit notes",
        Response = typeof(ListResponse<CreditNote>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListAccountCreditNotes")]
    public async Task<IResult> ListOfAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/credit-notes")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId))
            ?? await ListQuery.RespondAsync(request, $"credit-notes|{accountId}", page => issuing.ListPageAsync(accountId, page, cancellationToken));
}
