namespace ServerlessBilling.LocalHost.Bench;

/// <summary>One measured close-bench run: the closes, and the storage requests of the billing data's clients and of the durable engine.</summary>
/// <param name="Configuration">"baseline" or "as configured".</param>
/// <param name="LoadAverage">The machine's one-minute load average when the closes ended.</param>
/// <param name="ByKind">The requests by owner ("billing" or "engine"), table, queue or container and kind, most first.</param>
public sealed record CloseBenchRow(
    string Configuration, int Accounts, int Invoices, TimeSpan Elapsed, StorageCounts Billing, StorageCounts Engine, double LoadAverage,
    IReadOnlyList<(string Owner, StorageRequestTally Tally)> ByKind)
{
    /// <summary>The process's peak working set and managed heap while the closes ran (sampled every 100 ms), in bytes.</summary>
    public long PeakWorkingSet { get; init; }

    public long PeakHeap { get; init; }

    public double ClosesPerSecond => Invoices / Elapsed.TotalSeconds;

    public double PerInvoice(long operations) => Invoices == 0 ? 0 : operations / (double)Invoices;

    public long Total => Billing.Total + Engine.Total;

    /// <summary>Storage only, at list prices: the executions of a close depend on the engine's episodes, which are not counted here.</summary>
    public BenchCost StorageCost => new(Invoices, 0, 0, Billing + Engine, PriceTable.Current);
}
