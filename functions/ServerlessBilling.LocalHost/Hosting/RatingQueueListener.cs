using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.Functions.Rating;
using ServerlessBilling.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs the same queue function on the <c>rating</c> queue with the trigger's semantics: a batch, the next once no more than
/// the threshold are running (<see cref="RatingQueueSettings"/>, as the Functions host reads them), each kept hidden while it runs,
/// five attempts, then the poison queue.</summary>
[StandsInFor("RateUsage")]
public sealed partial class RatingQueueListener(QueueServiceClient queues, IServiceProvider services, ILogger<RatingQueueListener> logger, LocalHostOptions options)
    : BackgroundService
{
    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = services.Settings<RatingQueueSettings>();
        var queue = queues.GetQueueClient(StorageNames.RatingQueue);
        var poison = queues.GetQueueClient(StorageNames.RatingQueue + "-poison");
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.Batch, VisibilityTimeout, stoppingToken);
                running.AddRange(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
                if (messages.Length == 0 && running.Count == 0)
                {
                    await Task.Delay(options.PollInterval, stoppingToken);
                }

                // The next batch once no more than the threshold are running, as the queue trigger does.
                while (running.Count > settings.Threshold || (messages.Length == 0 && running.Count > 0))
                {
                    running.Remove(await Task.WhenAny(running));
                }
            }
        }
        finally
        {
            await Task.WhenAll(running);
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        var lease = new QueueMessageLease(queue, message, VisibilityTimeout, cancellationToken);
        try
        {
            try
            {
                var function = ActivatorUtilities.CreateInstance<RateUsageFunction>(services);
                await function.Run(message, cancellationToken);
            }
            finally
            {
                await lease.DisposeAsync();
            }

            await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rating message {MessageId} failed on attempt {Attempt}")]
    private partial void LogFailed(Exception exception, string messageId, long attempt);
}
