using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Passes every call through, keeping the period of each close-started check.</summary>
/// <param name="reads">Where the periods read are kept (a new list when none is given).</param>
internal sealed class CountingCycleLedger(ICycleLedger inner, List<string>? reads = null) : ICycleLedger
{
    public List<string> Reads { get; } = reads ?? [];

    public Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        Reads.Add(request.PeriodStart);
        return inner.HasStartedAsync(request, cancellationToken);
    }

    public Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken) =>
        inner.TryRecordStartAsync(request, startedAt, cancellationToken);

    public Task<SettlementRecord> FindSettlementAsync(CycleRequest request, CancellationToken cancellationToken) =>
        inner.FindSettlementAsync(request, cancellationToken);

    public Task<bool> TryClaimSettlementAsync(CycleRequest request, string? expectedVersion, SettlementClaim claim, CancellationToken cancellationToken) =>
        inner.TryClaimSettlementAsync(request, expectedVersion, claim, cancellationToken);
}
