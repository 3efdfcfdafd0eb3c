using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Functions.WebhooksOut;

/// <summary>Makes each attempt the <c>webhook-deliveries</c> queue hands over when it is due. An endpoint's failure is not an
/// error here (the attempt is logged and the next one queued); storage errors throw, so the message is retried and, after five
/// tries, lands in <c>webhook-deliveries-poison</c>.</summary>
/// <remarks>A failed attempt is one warning record naming the endpoint, so the <c>webhook-delivery-failures</c> alert (which
/// counts attempts without an endpoint dimension) leads to the endpoints concerned.</remarks>
public sealed partial class DeliverWebhookFunction(WebhookDeliverer deliverer, ILogger<DeliverWebhookFunction> logger)
{
    public const string Name = "DeliverWebhook";

    [Function(Name)]
    public async Task Run(
        [QueueTrigger(StorageNames.WebhookDeliveriesQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken)
    {
        var entry = await deliverer.DeliverAsync(QueueWebhookQueue.Read(message), cancellationToken);
        if (entry is { Outcome: WebhookLogEntry.Failed })
        {
            LogFailed(logger, entry.EndpointId, entry.DeliveryId, entry.EventType, entry.Attempt, entry.Detail, entry.NextAttemptAt?.ToString() ?? "none");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} delivery {DeliveryId} ({EventType}) attempt {Attempt} failed: {Failure}; next attempt {NextAttemptAt}")]
    private static partial void LogFailed(ILogger logger, string endpointId, string? deliveryId, string? eventType, int attempt, string? failure, string nextAttemptAt);
}
