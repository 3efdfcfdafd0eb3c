using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Puts a webhook attempt on its queue, then wakes this host's delivery listener when the attempt is due now (an event's
/// first attempt), so it is delivered within the poll interval however long the queue was quiet before.</summary>
/// <remarks>A retry due later is not woken for: its message is invisible until then, and the listener's back-off (at most
/// <see cref="LocalHostSettings.MaxPollingInterval"/>) finds it that much after it is due at the latest.</remarks>
public sealed class WakingWebhookQueue(IWebhookQueue queue, IdlePollers pollers) : IWebhookQueue
{
    public async Task EnqueueAsync(WebhookAttempt attempt, Duration delay, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(attempt, delay, cancellationToken);
        if (delay <= Duration.Zero)
        {
            pollers.Wake(StorageNames.WebhookDeliveriesQueue);
        }
    }
}
