using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>Sums what one meter's instruments record, by instrument and dimensions, from the moment it is created.</summary>
public sealed class MeasuredMetrics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, double> sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public MeasuredMetrics(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The sum of the instrument's measurements whose dimensions include every one given.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] dimensions) =>
        sums.Where(s => Matches(s.Key, instrument, dimensions)).Sum(s => s.Value);

    /// <summary>How many measurements the instrument took with those dimensions (a histogram's recordings).</summary>
    public int Count(string instrument, params (string Key, string Value)[] dimensions) =>
        counts.Where(s => Matches(s.Key, instrument, dimensions)).Sum(s => s.Value);

    /// <summary>Takes one measurement of every observable instrument (the gauges) now.</summary>
    public void Observe() => listener.RecordObservableInstruments();

    public void Dispose() => listener.Dispose();

    private static bool Matches(string key, string instrument, (string Key, string Value)[] dimensions) =>
        key.StartsWith(instrument + "|", StringComparison.Ordinal) && dimensions.All(d => key.Contains($"|{d.Key}={d.Value}|", StringComparison.Ordinal));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name + "|" + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}|"));
        sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }
}
