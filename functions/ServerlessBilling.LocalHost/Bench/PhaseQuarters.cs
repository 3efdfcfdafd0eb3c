namespace ServerlessBilling.LocalHost.Bench;

/// <summary>When a phase's outcomes passed each quarter of its events, so the bench can print the rate of each quarter: a store whose
/// cost per write grows with what it holds rates the last quarter of a file slower than the first.</summary>
/// <remarks>Fed the outcomes counted at each sample; a sample that passes several quarters at once gives them the same time, and the
/// rate of a quarter with no time of its own is not known (null).</remarks>
public sealed class PhaseQuarters(int events)
{
    private readonly TimeSpan?[] reached = new TimeSpan?[4];

    /// <summary>Records the quarters <paramref name="done"/> outcomes have reached by <paramref name="elapsed"/>, if not reached before.</summary>
    public void Observe(long done, TimeSpan elapsed)
    {
        for (var quarter = 0; quarter < reached.Length; quarter++)
        {
            if (reached[quarter] is null && done >= Threshold(quarter))
            {
                reached[quarter] = elapsed;
            }
        }
    }

    /// <summary>Events per second within each quarter, first to last; null for a quarter not reached or passed with the one before.</summary>
    public IReadOnlyList<double?> Rates()
    {
        var rates = new double?[reached.Length];
        var (previousEvents, previousTime) = (0L, TimeSpan.Zero);
        for (var quarter = 0; quarter < reached.Length; quarter++)
        {
            if (reached[quarter] is not { } time)
            {
                break;
            }

            var threshold = Threshold(quarter);
            rates[quarter] = time > previousTime ? (threshold - previousEvents) / (time - previousTime).TotalSeconds : null;
            (previousEvents, previousTime) = (threshold, time);
        }

        return rates;
    }

    private long Threshold(int quarter) => (long)Math.Ceiling(events * (quarter + 1) / 4.0);
}
