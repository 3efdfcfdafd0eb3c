using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Final invoices a page at a time, each as its receivable (number, total, due date, status, payments): one
/// account's, or one period's across accounts; <c>status</c>, <c>period</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed class InvoiceListsApi(IReceivables receivables)
{
    [Function("ListAccountInvoices")]
    public async Task<IResult> ListOfAccount(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/invoices")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId)) ?? await RespondAsync(request, accountId, cancellationToken);

    /// <summary>Across accounts: <c>?period=2026-10-01</c> is required (the list reads that period's index, never every invoice).</summary>
    [Function("ListInvoices")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "invoices")] HttpRequest request,
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
