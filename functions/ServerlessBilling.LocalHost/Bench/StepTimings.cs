using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>Sums the wall time of the product's rating and CDR intake steps (<see cref="TelemetryNames.Steps"/>) from their spans, so the
/// ingest bench can say where a phase's time went: reading and pricing, or waiting on storage for claims and rows.</summary>
/// <remarks>Steps of windows rated at once overlap, so a step's sum may exceed the phase's wall time; the share of the wall time is
/// then above 100 %, and the mean per span is what one window spent in it.</remarks>
public sealed class StepTimings : IDisposable
{
    private static readonly string[] Names =
    [
        TelemetryNames.Steps.ReadCdrFile, TelemetryNames.Steps.SaveWindow, TelemetryNames.Steps.Checkpoint,
        TelemetryNames.Steps.WaitForWindowSlot, TelemetryNames.Steps.RateWindow, TelemetryNames.Steps.ReadAndPrice, TelemetryNames.Steps.Place,
        TelemetryNames.Steps.Claim, TelemetryNames.Steps.Settle, TelemetryNames.Steps.WriteRows, TelemetryNames.Steps.Count,
    ];

    private readonly ConcurrentDictionary<string, (long Spans, long Ticks)> sums = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    public StepTimings()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryNames.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                Names.Contains(options.Name) ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (Names.Contains(activity.OperationName))
                {
                    sums.AddOrUpdate(activity.OperationName, (1, activity.Duration.Ticks), (_, sum) => (sum.Spans + 1, sum.Ticks + activity.Duration.Ticks));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Each step's spans and summed time so far, in <see cref="Names"/> order.</summary>
    public IReadOnlyList<StepTiming> Snapshot() =>
        [.. Names.Select(name => sums.TryGetValue(name, out var sum) ? new StepTiming(name, sum.Spans, TimeSpan.FromTicks(sum.Ticks)) : new StepTiming(name, 0, TimeSpan.Zero))];

    /// <summary>What each step added between two snapshots.</summary>
    public static IReadOnlyList<StepTiming> Between(IReadOnlyList<StepTiming> before, IReadOnlyList<StepTiming> after) =>
        [.. after.Zip(before, (a, b) => new StepTiming(a.Name, a.Spans - b.Spans, a.Time - b.Time)).Where(s => s.Spans > 0)];

    public void Dispose() => listener.Dispose();
}

/// <summary>One step's spans in a phase and their summed wall time.</summary>
public sealed record StepTiming(string Name, long Spans, TimeSpan Time)
{
    public TimeSpan Mean => Spans == 0 ? TimeSpan.Zero : Time / Spans;
}
