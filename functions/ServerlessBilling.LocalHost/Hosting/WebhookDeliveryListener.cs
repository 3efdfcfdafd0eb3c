using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.Functions.WebhooksOut;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs the same queue function on the <c>webhook-deliveries</c> queue with the trigger's semantics: five attempts, then the poison queue.</summary>
/// <remarks>Messages are taken as slots free up, with a share of them per endpoint (<see cref="FairQueueDispatcher"/>), so an
/// endpoint that answers slowly or not at all delays only its own deliveries. The message stays invisible while its attempt
/// runs: the visibility timeout covers the longest attempt (the delivery timeout, at most two minutes).</remarks>
[StandsInFor(DeliverWebhookFunction.Name)]
public sealed partial class WebhookDeliveryListener(QueueServiceClient queues, IServiceProvider services, ILogger<WebhookDeliveryListener> logger, IdlePollers pollers)
    : BackgroundService
{
    private const int MaxDequeueCount = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(StorageNames.WebhookDeliveriesQueue);
        var poison = queues.GetQueueClient(StorageNames.WebhookDeliveriesQueue + "-poison");
        var dispatcher = new FairQueueDispatcher(queue, EndpointOf, (m, c) => HandleAsync(queue, poison, m, c)) { Polling = pollers.For(StorageNames.WebhookDeliveriesQueue) };
        await dispatcher.RunAsync(stoppingToken);
    }

    /// <summary>The endpoint a message is for; a message that cannot be read shares one key, and its run fails into the poison queue.</summary>
    private static string EndpointOf(QueueMessage message)
    {
        try
        {
            return QueueWebhookQueue.Read(message.Body.ToString()).EndpointId;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return string.Empty;
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var function = ActivatorUtilities.CreateInstance<DeliverWebhookFunction>(services);
            await function.Run(message.Body.ToString(), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery message {MessageId} failed on attempt {Attempt}")]
    private partial void LogFailed(Exception exception, string messageId, long attempt);
}
