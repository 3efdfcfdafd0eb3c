namespace ServerlessBilling.LocalHost.Bench;

/// <summary>One measured phase of an ingest bench run.</summary>
/// <param name="Configuration">"baseline" or "as configured".</param>
/// <param name="PeakWorkingSet">The process's largest working set sampled during the phase, in bytes.</param>
/// <param name="LoadAverage">The machine's one-minute load average when the phase ended.</param>
/// <param name="Executions">Function executions the phase stands for in Azure.</param>
/// <param name="ByKind">The phase's storage requests by table, queue or container and kind, most first.</param>
public sealed record IngestBenchRow(
    string Configuration, string Phase, int Events, TimeSpan Elapsed, StorageCounts Operations, long PeakWorkingSet, double LoadAverage, long Executions,
    IReadOnlyList<StorageRequestTally> ByKind)
{
    /// <summary>The largest managed heap sampled during the phase (<see cref="GC.GetTotalMemory(bool)"/>, garbage not yet collected
    /// included), in bytes: what of the working set is the GC's, the rest being code, the runtime and native buffers.</summary>
    public long PeakHeap { get; init; }

    /// <summary>The rating and CDR intake steps the phase went through, with their summed wall time (<see cref="StepTimings"/>).</summary>
    public IReadOnlyList<StepTiming> Steps { get; init; } = [];

    /// <summary>Events per second within each quarter of the phase's events, first to last (<see cref="PhaseQuarters"/>).</summary>
    public IReadOnlyList<double?> QuarterRates { get; init; } = [];

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double PerEvent(long operations) => operations / (double)Events;

    public BenchCost Cost => new(Events, Executions, Elapsed.TotalSeconds, Operations, PriceTable.Current);
}
