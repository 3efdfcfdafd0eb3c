using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Cycles;

/// <summary>The cycle ledger as a set of (account, period).</summary>
public sealed class InMemoryCycleLedger : ICycleLedger
{
    private readonly ConcurrentDictionary<(string, string), Instant> started = new();

    public Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken) =>
        Task.FromResult(started.TryAdd((request.AccountId, request.PeriodStart), startedAt));

    public Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(started.ContainsKey((request.AccountId, request.PeriodStart)));
}

/// <summary>The engine's view: which instance ids exist, and the most starts ever in flight at once.</summary>
public sealed class RecordingOrchestrations(TimeSpan delay = default) : ICycleOrchestrations
{
    private readonly ConcurrentDictionary<string, CycleRequest> instances = new();
    private int inFlight;

    public int MostInFlight { get; private set; }

    public IReadOnlyCollection<string> InstanceIds => [.. instances.Keys];

    public async Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (instances)
        {
            MostInFlight = Math.Max(MostInFlight, now);
        }

        await Task.Delay(delay, cancellationToken);
        Interlocked.Decrement(ref inFlight);
        return instances.TryAdd(request.InstanceId, request);
    }
}
