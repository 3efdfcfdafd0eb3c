using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.Functions.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs the same queue function on the <c>rating</c> queue with the trigger's semantics: batches of 16, five attempts, then the poison queue.</summary>
[StandsInFor("RateUsage")]
public sealed partial class RatingQueueListener(QueueServiceClient queues, IServiceProvider services, ILogger<RatingQueueListener> logger, LocalHostOptions options)
    : BackgroundService
{
    private const int BatchSize = 16;
    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(StorageNames.RatingQueue);
        var poison = queues.GetQueueClient(StorageNames.RatingQueue + "-poison");
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
            var function = ActivatorUtilities.CreateInstance<RateUsageFunction>(services);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rating message {MessageId} failed on attempt {Attempt}")]
    private partial void LogFailed(Exception exception, string messageId, long attempt);
}
