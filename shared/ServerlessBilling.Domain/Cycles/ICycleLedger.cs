using NodaTime;

namespace ServerlessBilling.Cycles;

/// <summary>The record of which (account, period) closes were started. The durable engine re-runs a completed instance id when asked again, so this ledger is the gate.</summary>
public interface ICycleLedger
{
    /// <returns>False when this close was started before: the caller must not start it again.</returns>
    Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken);

    /// <summary>Whether the close of this account and period has started: from then on its usage is frozen.</summary>
    Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken);

    /// <summary>The last settlement claimed for re-ratings of this closed period, with the record's version.</summary>
    Task<SettlementRecord> FindSettlementAsync(CycleRequest request, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="claim"/> as the period's last settlement if the record is still at <paramref name="expectedVersion"/> (null: none yet).</summary>
    /// <returns>False, recording nothing, when another re-rating claimed a settlement since the record was read.</returns>
    Task<bool> TryClaimSettlementAsync(CycleRequest request, string? expectedVersion, SettlementClaim claim, CancellationToken cancellationToken);
}
