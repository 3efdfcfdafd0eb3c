using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Where attempts wait until they are due: a storage queue whose messages stay invisible for the delay.</summary>
public interface IWebhookQueue
{
    /// <summary>Asks for <paramref name="attempt"/> after <paramref name="delay"/> (zero: as soon as a worker is free; at most 7 days).</summary>
    Task EnqueueAsync(WebhookAttempt attempt, Duration delay, CancellationToken cancellationToken);
}
