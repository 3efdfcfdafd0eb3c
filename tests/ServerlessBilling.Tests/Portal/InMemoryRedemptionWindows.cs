using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

/// <summary>Redemption windows in a dictionary: one window per client, replaced when the minute moves on, as in the table.</summary>
public sealed class InMemoryRedemptionWindows : IRedemptionWindows
{
    private readonly Dictionary<string, (long Minute, int Count)> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<int> CountAsync(string client, long minute, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var count = windows.TryGetValue(client, out var window) && window.Minute == minute ? window.Count + 1 : 1;
            windows[client] = (minute, count);
            return Task.FromResult(count);
        }
    }
}
