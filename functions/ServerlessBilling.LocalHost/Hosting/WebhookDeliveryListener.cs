using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.Functions.WebhooksOut;
using ServerlessBilling.Storage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs the same queue function on the <c>webhook-deliveries</c> queue with the trigger's semantics: five attempts, then the poison queue.</summary>
/// <remarks>The message stays invisible while its attempt runs: the visibility timeout covers the longest attempt (the delivery timeout, at most two minutes).</remarks>
[StandsInFor(DeliverWebhookFunction.Name)]
public sealed partial class WebhookDeliveryListener(QueueServiceClient queues, IServiceProvider services, ILogger<WebhookDeliveryListener> logger, LocalHostOptions options)
    : BackgroundService
{
    private const int BatchSize = 16;
    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(StorageNames.WebhookDeliveriesQueue);
        var poison = queues.GetQueueClient(StorageNames.WebhookDeliveriesQueue + "-poison");
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(BatchSize, VisibilityTimeout, stoppingToken);
            await Task.WhenAll(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
            if (messages.Length == 0)
            {
                await Task.Delay(options.PollInterval, stoppingToken);
            }
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
