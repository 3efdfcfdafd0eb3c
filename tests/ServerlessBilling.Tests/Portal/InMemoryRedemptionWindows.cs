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

    public Task<int> ForgetEndedAsync(long before, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var ended = windows.Where(w => w.Value.Minute < before).Select(w => w.Key).ToList();
            ended.ForEach(client => windows.Remove(client));
            return Task.FromResult(ended.Count);
        }
    }
}
