using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>The attempt queue as a list the test reads: each attempt asked for, with the delay it would stay invisible for.</summary>
/// <remarks>The tests play the queue's part themselves (advance the clock by the delay, hand the message over), so days of retries take no time.</remarks>
public sealed class RecordingWebhookQueue : IWebhookQueue
{
    private readonly ConcurrentQueue<(WebhookAttempt Attempt, Duration Delay)> queued = new();

    public IReadOnlyList<(WebhookAttempt Attempt, Duration Delay)> All => [.. queued];

    public Task EnqueueAsync(WebhookAttempt attempt, Duration delay, CancellationToken cancellationToken)
    {
        queued.Enqueue((attempt, delay));
        return Task.CompletedTask;
    }

    /// <summary>The oldest message not yet taken; throws when there is none.</summary>
    public (WebhookAttempt Attempt, Duration Delay) Take() =>
        queued.TryDequeue(out var next) ? next : throw new InvalidOperationException("No attempt is queued.");

    public bool IsEmpty => queued.IsEmpty;
}
