using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Telemetry;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Functions.WebhooksOut;

/// <summary>Management API for the reseller's webhook endpoints: <c>/api/webhooks-out/endpoints[/{endpointId}]</c>.</summary>
/// <remarks>Under <c>webhooks-out/</c>, not <c>webhooks/</c>: those are the vendors' anonymous inbound routes.</remarks>
/// <remarks>A new endpoint and a rotated secret are records for the audit trail. The endpoint's URL is logged as a secret
/// (erased) beside its host: receivers often carry a token in the path or query, so the URL itself is a credential.</remarks>
public sealed partial class WebhookEndpointsApi(WebhookEndpointRegistry registry, ILogger<WebhookEndpointsApi> logger)
{
    private const string Tag = "Webhooks out";

    [ApiOperation(Tag, "Register a webhook endpoint",
        Description = "Events of the listed types are POSTed to the URL, signed with the Standard Webhooks scheme. The answer carries the endpoint's secret (`whsec_...`): it is shown this once.",
        Request = typeof(WebhookEndpointChange),
        Response = typeof(WebhookEndpointWithSecret),
        Status = 201,
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge],
        RequestExample = """{"url":"https://crm.example.com/billing-events","eventTypes":["invoice.finalized","payment.failed"],"description":"CRM"}""")]
    [Function("CreateWebhookEndpoint")]
    public async Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks-out/endpoints")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await RequestBody.ReadJsonAsync<WebhookEndpointChange>(request, "The webhook endpoint is not a valid document", cancellationToken);
        if (!read.TryGetValue(out var change))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await registry.CreateAsync(change, cancellationToken)).ToResult(created =>
        {
            var endpoint = created.Endpoint;
            LogCreated(logger, endpoint.Id, new Uri(endpoint.Url).Host, endpoint.Url, string.Join(", ", endpoint.EventTypes));
            return Results.Created($"/api/webhooks-out/endpoints/{endpoint.Id}", created);
        });
    }

    [ApiOperation(Tag, "List webhook endpoints",
        Response = typeof(ListResponse<WebhookEndpoint>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page"])]
    [Function("ListWebhookEndpoints")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks-out/endpoints")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ListQuery.RespondAsync(request, "webhook-endpoints", page => registry.ListAsync(page, cancellationToken));

    [ApiOperation(Tag, "Read a webhook endpoint",
        Description = "Without its secret, which only registration and rotation show.",
        Response = typeof(WebhookEndpoint),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetWebhookEndpoint")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks-out/endpoints/{endpointId}")] HttpRequest request,
        string endpointId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId))
            ?? (await registry.GetAsync(endpointId, cancellationToken)).ToResult(endpoint => Results.Ok(endpoint));

    [ApiOperation(Tag, "Change a webhook endpoint",
        Description = "Only the fields given change. `enabled: true` re-enables an endpoint the service disabled after it failed for days.",
        Request = typeof(WebhookEndpointChange),
        Response = typeof(WebhookEndpoint),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.TooLarge],
        RequestExample = """{"enabled":true}""")]
    [Function("UpdateWebhookEndpoint")]
    public async Task<IResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "webhooks-out/endpoints/{endpointId}")] HttpRequest request,
        string endpointId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadJsonAsync<WebhookEndpointChange>(request, "The webhook endpoint is not a valid document", cancellationToken);
        if (!read.TryGetValue(out var change))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await registry.UpdateAsync(endpointId, change, cancellationToken)).ToResult(endpoint => Results.Ok(endpoint));
    }

    [ApiOperation(Tag, "Delete a webhook endpoint",
        Description = "Removes the endpoint and its secret and answers the endpoint as it was. Deliveries still waiting for a retry are abandoned; the delivery log stays readable. Deleting it again answers 404.",
        Response = typeof(WebhookEndpoint),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("DeleteWebhookEndpoint")]
    public async Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks-out/endpoints/{endpointId}")] HttpRequest request,
        string endpointId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId))
            ?? (await registry.DeleteAsync(endpointId, cancellationToken)).ToResult(endpoint => Results.Ok(endpoint));

    [ApiOperation(Tag, "Rotate a webhook endpoint's secret",
        Description = "Answers the new secret, shown this once. The previous secret keeps signing, as a second signature in `webhook-signature`, until `previousSecretExpiresAt`.",
        Response = typeof(WebhookEndpointWithSecret),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("RotateWebhookSecret")]
    public async Task<IResult> Rotate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks-out/endpoints/{endpointId}/rotate-secret")] HttpRequest request,
        string endpointId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.WebhookEndpoint(endpointId))
            ?? (await registry.RotateSecretAsync(endpointId, cancellationToken)).ToResult(rotated =>
            {
                LogRotated(logger, endpointId, rotated.PreviousSecretExpiresAt?.ToString() ?? "now");
                return Results.Ok(rotated);
            });

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} registered on {Host} ({Url}) for {EventTypes}")]
    private static partial void LogCreated(ILogger logger, string endpointId, string host, [Secret] string url, string eventTypes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} has a new signing secret; the previous one signs until {PreviousExpiresAt}")]
    private static partial void LogRotated(ILogger logger, string endpointId, string previousExpiresAt);
}
