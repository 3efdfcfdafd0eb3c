using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>The webhooks-out routes the <c>webhooks</c> verb calls.</summary>
public sealed partial class BillingApiClient
{
    private const string WebhookEndpointsPath = "api/webhooks-out/endpoints";

    /// <summary><c>GET api/webhooks-out/endpoints</c>, page after page: every registered endpoint, in id order.</summary>
    public Task<IReadOnlyList<WebhookEndpoint>> ListWebhookEndpointsAsync(CancellationToken cancellationToken) =>
        ReadAllPagesAsync<WebhookEndpoint>(WebhookEndpointsPath, cancellationToken);

    /// <summary><c>GET api/webhooks-out/endpoints/{id}/log?limit=N</c>: the newest <paramref name="limit"/> lines of the endpoint's delivery log.</summary>
    public async Task<IReadOnlyList<WebhookLogEntry>> ListWebhookLogAsync(string endpointId, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync<Functions.Http.ListResponse<WebhookLogEntry>>(
            HttpMethod.Get, $"{WebhookEndpointsPath}/{Uri.EscapeDataString(endpointId)}/log?limit={limit}", cancellationToken)).Data;

    /// <summary><c>POST api/webhooks-out/endpoints/{id}/deliveries/{delivery}/redeliver</c>: the attempt's log line.</summary>
    public Task<WebhookLogEntry> RedeliverWebhookAsync(string endpointId, string deliveryId, CancellationToken cancellationToken) =>
        ReadAsync<WebhookLogEntry>(
            HttpMethod.Post, $"{WebhookEndpointsPath}/{Uri.EscapeDataString(endpointId)}/deliveries/{Uri.EscapeDataString(deliveryId)}/redeliver", cancellationToken);
}
