using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Counts link redemptions per client in fixed one-minute windows, so nobody can try tokens by the thousand.</summary>
/// <remarks>The count lives in <see cref="IRedemptionWindows"/> (a table in Azure), so every instance of the app counts against one
/// allowance: scaling out does not multiply it. A token is 256 bits of signature, so the limit is about load and log noise more than
/// about guessing. Windows are keyed by minute of the clock passed in, so the count is testable without waiting.</remarks>
public sealed class RedemptionThrottle(int perMinute, IRedemptionWindows windows)
{
    private const long ClockSkewMinutes = 5;

    /// <summary>Counts an attempt by <paramref name="client"/> at <paramref name="now"/>; false once the minute's allowance is spent.</summary>
    public async Task<bool> TryAcquireAsync(string client, Instant now, CancellationToken cancellationToken) =>
        await windows.CountAsync(client, MinuteOf(now), cancellationToken) <= perMinute;

    /// <summary>Deletes the windows that ended more than a few minutes before <paramref name="now"/> (run daily), so the table holds the
    /// clients of the last minutes rather than every client ever seen.</summary>
    /// <remarks>The margin covers instances whose clocks are a little behind: they may still be counting in a window this clock has left,
    /// and deleting it would hand them a fresh allowance.</remarks>
    /// <returns>How many windows were deleted.</returns>
    public Task<int> ForgetEndedAsync(Instant now, CancellationToken cancellationToken) =>
        windows.ForgetEndedAsync(MinuteOf(now) - ClockSkewMinutes, cancellationToken);

    private static long MinuteOf(Instant now) => now.ToUnixTimeSeconds() / 60;
}
