using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>Saved CDR read windows in memory, with every save kept in order (a window saved again after a crash shows twice).</summary>
public sealed class InMemoryCdrWindows : ICdrWindows
{
    private readonly Dictionary<string, IReadOnlyList<UsageEvent>> windows = new(StringComparer.Ordinal);

    public List<(string Name, IReadOnlyList<UsageEvent> Events)> Saves { get; } = [];

    public Task SaveAsync(string name, IEnumerable<UsageEvent> events, CancellationToken cancellationToken)
    {
        windows[name] = [.. events];
        Saves.Add((name, [.. events]));
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<UsageEvent> ReadAsync(string name, CancellationToken cancellationToken) =>
        (windows.TryGetValue(name, out var events) ? events : throw new InvalidOperationException($"no window {name}")).ToAsyncEnumerable();
}
