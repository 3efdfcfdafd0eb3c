using System.Collections.Concurrent;

namespace ServerlessBilling.Rating;

/// <summary>What rating looked up for recent calls (a number's assignments, an account, a plan), kept for
/// <see cref="RatingSettings.LookupCacheSeconds"/> and cleared by every write of accounts, assignments or plans through this instance.</summary>
/// <remarks>Only values that were found are kept: an absence is read again on the next call. A read that overlaps a write is not kept,
/// since it may have read the state before the write.</remarks>
public sealed class RatingLookupCache(TimeSpan keep, TimeProvider clock)
{
    /// <summary>Enough for every number and account of a large reseller; past it the cache starts over rather than grow.</summary>
    private const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long generation;

    public bool IsEnabled => keep > TimeSpan.Zero;

    /// <summary>The kept value of <paramref name="key"/>, or what <paramref name="load"/> reads (kept when not null).</summary>
    public async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsEnabled)
        {
            return await load(cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return (T)entry.Value;
        }

        var before = Interlocked.Read(ref generation);
        var value = await load(cancellationToken);
        if (value is not null && Interlocked.Read(ref generation) == before)
        {
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }

            entries[key] = new Entry(value, now + keep);
        }

        return value;
    }

    /// <summary>Forgets everything: called after every write that can change an attribution or a price.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private sealed record Entry(object Value, DateTimeOffset Until);
}
