using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Payments a page at a time, in time order: one account's, or across accounts; <c>status</c>, <c>from</c>, <c>to</c>,
/// <c>limit</c>, <c>cursor</c>. Charges, offline payments, reversals and overpayments carried forward are all listed.</summary>
public sealed class PaymentListsApi(IReceivables receivables)
{
    private const string Status = "status: Only payments in this status (Succeeded, Processing, Failed, Declined, RequiresAction)";
    private const string From = "from: Only payments made on or after this UTC day (yyyy-MM-dd)";
    private const string To = "to: Only payments made on or before this UTC day (yyyy-MM-dd)";
    private const string Limit = "limit: Items per page, 1 to 500 (default 50)";
    private const string Cursor = "cursor: The next_cursor of the previous page, with the same filters";

    private const string Example = """{"data":[{"id":"charge:pi_3Q1","invoiceId":"acme-20261001","accountId":"acme","invoiceNumber":"INV-000042","currency":"USD","kind":"Charge","status":"Succeeded","amount":120.5,"effect":120.5,"at":"2026-11-03T09:15:00Z","reference":"pi_3Q1","attempt":1,"detail":null,"returned":false}],"has_more":true,"next_cursor":"eyJ..."}""";

    [ApiOperation("Payments", "List an account's payments",
        Response = typeof(ListResponse<ListedPayment>),
        ResponseExample = Example,
        Problems = [ProblemKind.Invalid],
        Query = [Status, From, To, Limit, Cursor])]
    [Function("ListAccountPayments")]
    public async Task<IResult> ListOfAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/payments")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId)) ?? await RespondAsync(request, accountId, cancellationToken);

    /// <summary>Across accounts, from the index of payments by day: <c>?status=succeeded&amp;from=2026-11-01&amp;to=2026-11-30</c>.</summary>
    [ApiOperation("Payments", "List payments across accounts",
        Response = typeof(ListResponse<ListedPayment>),
        ResponseExample = Example,
        Problems = [ProblemKind.Invalid],
        Query = [Status, From, To, Limit, Cursor])]
    [Function("ListPayments")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        RespondAsync(request, null, cancellationToken);

    private async Task<IResult> RespondAsync(HttpRequest request, string? accountId, CancellationToken cancellationToken)
    {
        var filter = PaymentListQuery.Read(request, accountId);
        return filter.TryGetValue(out var read)
            ? await ListQuery.RespondAsync(request, read.ToString(),
                async page => (await receivables.ListPaymentsAsync(read, page, cancellationToken)).Map(ListedPayment.Of))
            : ProblemResults.From(filter.Problem!);
    }
}
