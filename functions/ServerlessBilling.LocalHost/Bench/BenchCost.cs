using System.Globalization;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>What a run's work costs at list prices, scaled to a million units (events, lines or invoices).</summary>
/// <param name="Executions">Function executions the run stands for: HTTP deliveries, CDR files and rating messages.</param>
/// <param name="BusySeconds">How long one instance was busy: the run's wall time, as on an instance kept saturated.</param>
public sealed record BenchCost(long Units, long Executions, double BusySeconds, StorageCounts Operations, PriceTable Prices)
{
    public decimal ExecutionsPerMillion => PerMillion(Executions * Prices.Functions.PerMillionExecutions / 1_000_000m);

    public decimal ComputePerMillion => PerMillion((decimal)BusySeconds * Prices.Functions.InstanceMemoryGb * Prices.Functions.PerGbSecond);

    public decimal StoragePerMillion => PerMillion(
        (Operations.Tables * Prices.Storage.TablesPer10k + Operations.Queues * Prices.Storage.QueuesPer10k
            + Operations.BlobWrites * Prices.Storage.BlobWritesPer10k + Operations.BlobReads * Prices.Storage.BlobReadsPer10k) / 10_000m);

    public decimal TotalPerMillion => ExecutionsPerMillion + ComputePerMillion + StoragePerMillion;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"${TotalPerMillion:0.000} per million (executions ${ExecutionsPerMillion:0.000}, GB-s ${ComputePerMillion:0.000}, storage ${StoragePerMillion:0.000}; prices of {Prices.AsOf}, {Prices.Region})");

    private decimal PerMillion(decimal runCost) => Units == 0 ? 0 : runCost * 1_000_000m / Units;
}
