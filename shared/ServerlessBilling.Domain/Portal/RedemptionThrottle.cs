using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Counts link redemptions per client in fixed one-minute windows, so nobody can try tokens by the thousand.</summary>
/// <remarks>Per process: each Functions instance counts its own clients, which bounds guessing per instance; a token is 256 bits
/// of signature, so the limit is about load and log noise more than about guessing. Windows are keyed by minute of the clock
/// passed in, so the count is testable without waiting.</remarks>
public sealed class RedemptionThrottle(int perMinute)
{
    private readonly Dictionary<string, (long Minute, int Count)> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Counts an attempt by <paramref name="client"/> at <paramref name="now"/>; false once the minute's allowance is spent.</summary>
    public bool TryAcquire(string client, Instant now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        lock (gate)
        {
            if (windows.Count > 10_000)
            {
                // Old windows only matter in their own minute: dropping them keeps the table as small as the current clients.
                foreach (var stale in windows.Where(w => w.Value.Minute != minute).Select(w => w.Key).ToList())
                {
                    windows.Remove(stale);
                }
            }

            var count = windows.TryGetValue(client, out var window) && window.Minute == minute ? window.Count + 1 : 1;
            windows[client] = (minute, count);
            return count <= perMinute;
        }
    }
}
