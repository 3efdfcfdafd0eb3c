using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.Functions.Rating;
using ServerlessBilling.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs the same queue function on the <c>rating</c> queue with the trigger's semantics: a batch, the next once no more than
/// the threshold are running (<see cref="RatingQueueSettings"/>, as the Functions host reads them), each kept hidden while it runs,
/// five attempts, then the poison queue; an empty queue is looked at less and less often (<see cref="IdlePolling"/>).</summary>
/// <remarks>Like the Functions host, it does not listen when <c>AzureWebJobs.RateUsage.Disabled</c> (or <c>AzureWebJobs__RateUsage__Disabled</c>,
/// a name a shell can export) is <c>true</c>: messages wait on the queue. The benches use it to time the intake without rating beside it.</remarks>
[StandsInFor("RateUsage")]
public sealed partial class RatingQueueListener(
    QueueServiceClient queues, IServiceProvider services, IConfiguration configuration, ILogger<RatingQueueListener> logger, IdlePollers pollers)
    : BackgroundService
{
    /// <summary>Whether the platform's per-function switch turns rating off on this host.</summary>
    public static bool IsDisabled(IConfiguration configuration) =>
        bool.TryParse(configuration["AzureWebJobs.RateUsage.Disabled"] ?? configuration["AzureWebJobs:RateUsage:Disabled"], out var disabled) && disabled;

    private const int MaxDequeueCount = 5;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (IsDisabled(configuration))
        {
            LogDisabled();
            return;
        }

        var settings = services.Settings<RatingQueueSettings>();
        var queue = queues.GetQueueClient(StorageNames.RatingQueue);
        var poison = queues.GetQueueClient(StorageNames.RatingQueue + "-poison");
        var polling = pollers.For(StorageNames.RatingQueue);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.Batch, VisibilityTimeout, stoppingToken);
                running.AddRange(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
                if (messages.Length > 0)
                {
                    polling.Found();
                }
                else if (running.Count == 0)
                {
                    polling.Empty();
                    await polling.WaitAsync(null, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rating is disabled (AzureWebJobs.RateUsage.Disabled): messages stay on the rating queue")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rating message {MessageId} failed on attempt {Attempt}")]
    private partial void LogFailed(Exception exception, string messageId, long attempt);
}
