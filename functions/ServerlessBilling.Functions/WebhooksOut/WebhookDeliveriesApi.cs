using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Functions.WebhooksOut;

/// <summary>An endpoint's delivery log and manual redelivery: <c>/api/webhooks-out/endpoints/{endpointId}/log</c> and <c>.../deliveries/{deliveryId}/redeliver</c>.</summary>
public sealed class WebhookDeliveriesApi(IWebhookDeliveries deliveries, WebhookDeliverer deliverer)
{
    private const string Tag = "Webhooks out";

    [ApiOperation(Tag, "List a webhook endpoint's delivery log",
        Description = "Newest first: each attempt (delivery, attempt number, outcome, response code, latency, next attempt) and each notice (the endpoint was disabled).",
        Response = typeof(ListResponse<WebhookLogEntry>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page"])]
    [Function("ListWebhookLog")]
    public async Task<IResult> ListLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks-out/endpoints/{endpointId}/log")] HttpRequest request,
        string endpointId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId))
            ?? await ListQuery.RespondAsync(request, $"webhook-log|{endpointId}", page => deliveries.ListLogPageAsync(endpointId, page, cancellationToken));

    [ApiOperation(Tag, "Redeliver one delivery now",
        Description = "One attempt, made while the request waits (bounded by the delivery timeout), whatever became of the delivery before; a delivery that was over gets no automatic retries after it, one still being retried keeps its schedule. Answers the attempt's log line.",
        Response = typeof(WebhookLogEntry),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict])]
    [Function("RedeliverWebhook")]
    public async Task<IResult> Redeliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks-out/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver")] HttpRequest request,
        string endpointId,
        string deliveryId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId), RouteIds.Delivery(deliveryId))
            ?? (await deliverer.RedeliverAsync(endpointId, deliveryId, cancellationToken)).ToResult(entry => Results.Ok(entry));
}
