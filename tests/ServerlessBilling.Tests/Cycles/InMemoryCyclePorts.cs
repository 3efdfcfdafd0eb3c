using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Cycles;

/// <summary>The cycle ledger as a set of (account, period), with each period's last settlement claim and a counter as its version.</summary>
public sealed class InMemoryCycleLedger : ICycleLedger
{
    private readonly ConcurrentDictionary<(string, string), Instant> started = new();
    private readonly Dictionary<(string, string), (SettlementClaim Claim, int Version)> settlements = [];

    public Task<SettlementRecord> FindSettlementAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        lock (settlements)
        {
            return Task.FromResult(settlements.TryGetValue((request.AccountId, request.PeriodStart), out var last)
                ? new SettlementRecord(last.Claim, last.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : SettlementRecord.None);
        }
    }

    public Task<bool> TryClaimSettlementAsync(CycleRequest request, string? expectedVersion, SettlementClaim claim, CancellationToken cancellationToken)
    {
        lock (settlements)
        {
            var key = (request.AccountId, request.PeriodStart);
            var current = settlements.TryGetValue(key, out var last) ? last.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            settlements[key] = (claim, last.Version + 1);
            return Task.FromResult(true);
        }
    }

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
