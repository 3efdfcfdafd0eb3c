using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Functions.WebhooksOut;

/// <summary>Makes each attempt the <c>webhook-deliveries</c> queue hands over when it is due. An endpoint's failure is not an
/// error here (the attempt is logged and the next one queued); storage errors throw, so the message is retried and, after five
/// tries, lands in <c>webhook-deliveries-poison</c>.</summary>
public sealed class DeliverWebhookFunction(WebhookDeliverer deliverer)
{
    public const string Name = "DeliverWebhook";

    [Function(Name)]
    public Task Run(
        [QueueTrigger(StorageNames.WebhookDeliveriesQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        deliverer.DeliverAsync(QueueWebhookQueue.Read(message), cancellationToken);
}
