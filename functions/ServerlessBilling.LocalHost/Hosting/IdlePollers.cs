using System.Collections.Concurrent;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The local host's listeners' back-off, one <see cref="IdlePolling"/> per queue or container they look at, so whatever
/// puts work there in this process can wake the listener by the name it put it under.</summary>
public sealed class IdlePollers(LocalHostOptions options, LocalHostSettings settings)
{
    private readonly ConcurrentDictionary<string, IdlePolling> byName = new(StringComparer.Ordinal);

    /// <summary>The back-off of the listener on <paramref name="name"/> (a queue or container).</summary>
    public IdlePolling For(string name) =>
        byName.GetOrAdd(name, _ => new IdlePolling(options.PollInterval, settings.MaxPollingInterval, TimeProvider.System));

    /// <summary>Work was just put on <paramref name="name"/>: its listener looks again once the poll interval has passed (<see cref="IdlePolling.Wake"/>).</summary>
    public void Wake(string name) => For(name).Wake();
}
