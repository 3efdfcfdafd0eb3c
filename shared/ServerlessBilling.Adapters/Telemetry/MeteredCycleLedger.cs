using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts a close as started when the ledger records its start (once per account and period, however often it is asked).</summary>
internal sealed class MeteredCycleLedger(ICycleLedger inner, BillingMetrics metrics) : ICycleLedger
{
    public async Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken)
    {
        var recorded = await inner.TryRecordStartAsync(request, startedAt, cancellationToken);
        if (recorded)
        {
            metrics.Close("started");
        }

        return recorded;
    }

    public Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken) => inner.HasStartedAsync(request, cancellationToken);

    public Task<SettlementRecord> FindSettlementAsync(CycleRequest request, CancellationToken cancellationToken) =>
        inner.FindSettlementAsync(request, cancellationToken);

    public Task<bool> TryClaimSettlementAsync(CycleRequest request, string? expectedVersion, SettlementClaim claim, CancellationToken cancellationToken) =>
        inner.TryClaimSettlementAsync(request, expectedVersion, claim, cancellationToken);
}
