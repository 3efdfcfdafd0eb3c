using System.Text.Json;
using Azure.Storage.Queues;
using NodaTime;
using ServerlessBilling.Storage;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Attempts wait on the <c>webhook-deliveries</c> queue, invisible until due.</summary>
/// <remarks>
/// Queue visibility rather than durable timers: an attempt is one small message, where an orchestration per delivery would
/// write its history for days; a message may stay invisible for up to 7 days, far more than the schedule's longest wait
/// (24 hours). Each retry is a new message with its own time to live, so a delivery's days of retries never outlive a message.
/// </remarks>
public sealed class QueueWebhookQueue(QueueServiceClient queues) : IWebhookQueue
{
    private static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private readonly QueueClient queue = queues.GetQueueClient(StorageNames.WebhookDeliveriesQueue);

    public async Task EnqueueAsync(WebhookAttempt attempt, Duration delay, CancellationToken cancellationToken)
    {
        var wait = delay.ToTimeSpan();
        ArgumentOutOfRangeException.ThrowIfNegative(wait.Ticks, nameof(delay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wait, MaxVisibilityDelay, nameof(delay));
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(attempt, BillingJson.Options), visibilityTimeout: wait, timeToLive: TimeSpan.FromDays(7) + wait, cancellationToken: cancellationToken);
    }

    /// <summary>Reads a message of this queue.</summary>
    public static WebhookAttempt Read(string message) =>
        JsonSerializer.Deserialize<WebhookAttempt>(message, BillingJson.Options) ?? throw new InvalidDataException("An empty webhook attempt message.");
}
