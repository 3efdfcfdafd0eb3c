using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Counts link redemptions per client in fixed one-minute windows, so nobody can try tokens by the thousand.</summary>
/// <remarks>The count lives in <see cref="IRedemptionWindows"/> (a table in Azure), so every instance of the app counts against one
/// allowance: scaling out does not multiply it. A token is 256 bits of signature, so the limit is about load and log noise more than
/// about guessing. Windows are keyed by minute of the clock passed in, so the count is testable without waiting.</remarks>
public sealed class RedemptionThrottle(int perMinute, IRedemptionWindows windows)
{
    /// <summary>Counts an attempt by <paramref name="client"/> at <paramref name="now"/>; false once the minute's allowance is spent.</summary>
    public async Task<bool> TryAcquireAsync(string client, Instant now, CancellationToken cancellationToken) =>
        await windows.CountAsync(client, now.ToUnixTimeSeconds() / 60, cancellationToken) <= perMinute;
}
