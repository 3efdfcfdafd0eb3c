using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Final invoices a page at a time, each as its receivable (number, total, due date, status, payments): one
/// account's, or across accounts (one period's, or every period's); <c>status</c>, <c>period</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed class InvoiceListsApi(IReceivables receivables)
{
    [ApiOperation("Invoices", "List an account's final invoices",
        Response = typeof(ListResponse<Receivable>),
        Problems = [ProblemKind.Invalid],
        Query = ["period: Only the period starting on this date (yyyy-MM-dd)", "status: Only invoices in this collection status", "limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListAccountInvoices")]
    public async Task<IResult> ListOfAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId)) ?? await RespondAsync(request, accountId, cancellationToken);

    /// <summary>Across accounts: <c>?period=2026-10-01</c> reads that period's index, <c>?status=Open</c> alone that status's
    /// index; with neither, every receivable is read a page at a time.</summary>
    [ApiOperation("Invoices", "List final invoices across accounts",
        Response = typeof(ListResponse<Receivable>),
        Problems = [ProblemKind.Invalid],
        Query = ["period: Only the period starting on this date (yyyy-MM-dd)", "status: Only invoices in this collection status", "limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListInvoices")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invoices")] HttpRequest request,
        CancellationToken cancellationToken) =>
        RespondAsync(request, null, cancellationToken);

    private async Task<IResult> RespondAsync(HttpRequest request, string? accountId, CancellationToken cancellationToken)
    {
        var filter = InvoiceListQuery.Read(request, accountId);
        return filter.TryGetValue(out var read)
            ? await ListQuery.RespondAsync(request, read.ToString(), page => receivables.ListPageAsync(read, page, cancellationToken))
            : ProblemResults.From(filter.Problem!);
    }
}
