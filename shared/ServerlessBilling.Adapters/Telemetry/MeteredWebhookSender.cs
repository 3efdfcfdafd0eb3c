using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts every outbound webhook POST by outcome (<see cref="TelemetryNames.WebhookAttempts"/>), so an endpoint that
/// fails and recovers within the hour still shows in the failure rate.</summary>
/// <remarks>A send cancelled because the host stops is not an attempt: it counts nothing, and the queue message is tried again.</remarks>
public sealed class MeteredWebhookSender(IWebhookSender inner, BillingMetrics metrics) : IWebhookSender
{
    public async Task<WebhookResponse> SendAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string body, CancellationToken cancellationToken)
    {
        var response = await inner.SendAsync(url, headers, body, cancellationToken);
        metrics.WebhookAttempted(response);
        return response;
    }
}
