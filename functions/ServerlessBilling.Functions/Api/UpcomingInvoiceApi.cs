using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/accounts/{accountId}/upcoming-invoice</c>: the open period priced so far exactly as its close would, marked as a preview.</summary>
public sealed class UpcomingInvoiceApi(UpcomingInvoices upcoming)
{
    [ApiOperation("Invoices", "Preview an account's upcoming invoice",
        Description = "The open period priced from the usage rated so far, exactly as the close would (recurring fees, bundle drawdown, tiers, taxes, "
            + "consolidated locations, pending adjustments). Unnumbered, `preview: true`, never stored. A location billed on its parent's invoice answers 400.",
        Response = typeof(UpcomingInvoice),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetUpcomingInvoice")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/upcoming-invoice")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId))
            ?? (await upcoming.PreviewAsync(accountId, cancellationToken)).ToResult(preview => Results.Ok(preview));
}
