using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>When a failed delivery is tried again: exponential back-off, the first retry after <see cref="FirstDelay"/>, each
/// later one after twice the delay before it, never more than <see cref="MaxDelay"/>, for <see cref="MaxAttempts"/> attempts.</summary>
/// <remarks>The default (1 minute doubling to a cap of 24 hours, 14 attempts) retries for 3 days 10 hours after the first
/// attempt: a receiver down over a long weekend still gets its events. No jitter: each delivery's clock starts with its own
/// event, so deliveries of different events do not retry in step.</remarks>
public sealed record WebhookRetrySchedule(Duration FirstDelay, Duration MaxDelay, int MaxAttempts)
{
    public static WebhookRetrySchedule Default { get; } = new(Duration.FromMinutes(1), Duration.FromHours(24), 14);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 = the first), or null when it was the last.</summary>
    public Duration? DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var delay = FirstDelay;
        for (var i = 1; i < attempt && delay < MaxDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>From the first attempt to the last, when every attempt fails.</summary>
    public Duration Span => Enumerable.Range(1, MaxAttempts - 1).Aggregate(Duration.Zero, (sum, attempt) => sum + DelayAfter(attempt)!.Value);
}
