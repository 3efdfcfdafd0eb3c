using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>When a failed delivery is tried again: exponential back-off, the first retry after <see cref="FirstDelay"/>, each
/// later one after twice the delay before it, never more than <see cref="MaxDelay"/>, for <see cref="MaxAttempts"/> attempts,
/// each wait spread by up to <see cref="Jitter"/> either way.</summary>
/// <remarks>The default (1 minute doubling to a cap of 24 hours, 14 attempts) retries for 3 days 10 hours after the first
/// attempt: a receiver down over a long weekend still gets its events. The jitter (10% by default) keeps the deliveries of
/// many events that failed together (a receiver's outage) from all coming back in the same minute; with it the retries
/// still span at least <see cref="ShortestSpan"/>, over three days. The spread is drawn from a digest of
/// <see cref="JitterSeed"/>, the delivery and the attempt, not from a random source: the same attempt of the same delivery
/// always waits the same, so a test names each wait and a repeated message schedules what the first one did.</remarks>
public sealed record WebhookRetrySchedule(Duration FirstDelay, Duration MaxDelay, int MaxAttempts)
{
    public static WebhookRetrySchedule Default { get; } = new(Duration.FromMinutes(1), Duration.FromHours(24), 14) { Jitter = 0.1 };

    /// <summary>How far a wait may move from its back-off delay, as a fraction of it, either way: 0.1 gives 54 to 66 seconds
    /// for a one-minute delay. From 0 (no jitter) to 0.5.</summary>
    public double Jitter
    {
        get;
        init => field = value is >= 0 and <= 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(Jitter), value, "Jitter is a fraction from 0 to 0.5.");
    }

    /// <summary>Mixed into every spread: two installations with other seeds spread the same delivery differently.</summary>
    public string JitterSeed { get; init; } = "";

    /// <summary>The back-off delay after failed attempt <paramref name="attempt"/> (1 = the first), before jitter, or null when it was the last.</summary>
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

    /// <summary>The wait after failed attempt <paramref name="attempt"/> of the delivery <paramref name="deliveryId"/>: the
    /// back-off delay moved by at most <see cref="Jitter"/> of it either way, to the whole second; null after the last attempt.</summary>
    public Duration? DelayAfter(int attempt, string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        if (DelayAfter(attempt) is not { } delay)
        {
            return null;
        }

        var spread = 1 + Jitter * (2 * Fraction($"{JitterSeed}|{deliveryId}|{attempt}") - 1);
        var seconds = Math.Round(delay.TotalSeconds * spread, MidpointRounding.ToEven);
        return Duration.FromSeconds(Math.Clamp(seconds, Shortest(delay), Math.Floor(Math.Round(delay.TotalSeconds * (1 + Jitter), 6))));
    }

    /// <summary>From the first attempt to the last, when every attempt fails, before jitter.</summary>
    public Duration Span => Enumerable.Range(1, MaxAttempts - 1).Aggregate(Duration.Zero, (sum, attempt) => sum + DelayAfter(attempt)!.Value);

    /// <summary>The least <see cref="Span"/> the jitter can leave: every wait at its shortest.</summary>
    public Duration ShortestSpan => Duration.FromSeconds(Enumerable.Range(1, MaxAttempts - 1).Sum(a => Shortest(DelayAfter(a)!.Value)));

    /// <summary>The shortest whole-second wait the jitter may make of <paramref name="delay"/> (rounded first, so 60 s × 0.9 is 54 s, not 55).</summary>
    private double Shortest(Duration delay) => Math.Ceiling(Math.Round(delay.TotalSeconds * (1 - Jitter), 6));

    /// <summary>A number from 0 (included) to 1 (excluded), the same for the same text.</summary>
    private static double Fraction(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return (BinaryPrimitives.ReadUInt64BigEndian(digest) >> 11) / (double)(1UL << 53);
    }
}
