using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServerlessBilling.IntegrationTests.Payments;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The collection scenarios' host with OpenTelemetry's in-memory exporters added to its own meter and tracer providers, so a
/// test reads the metrics and spans as an exporter receives them, through the providers' views and samplers.</summary>
public sealed class MeteredPaymentsHost : PaymentsHost
{
    private readonly TelemetryHostFixture.LockedList<MetricSnapshot> exported = new();

    public TelemetryHostFixture.LockedList<Activity> Spans { get; } = new();

    /// <summary>Exports every metric now and returns what the exporter received: cumulative sums since the host started.</summary>
    public ExportedMetrics Collect()
    {
        exported.Clear();
        Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        return new ExportedMetrics(exported.Snapshot());
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
    }
}

/// <summary>The metrics of one export, read by instrument name and dimensions.</summary>
public sealed class ExportedMetrics(IReadOnlyList<MetricSnapshot> snapshots)
{
    /// <summary>The sum (a histogram: the count of recordings) of the instrument's points whose dimensions include every one given;
    /// 0 when nothing was recorded.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] dimensions)
    {
        // A timer's export may land beside the forced one: each is cumulative, so the last is the newest.
        if (snapshots.LastOrDefault(s => s.Name == instrument) is not { } metric)
        {
            return 0;
        }

        var sum = 0d;
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value?.ToString();
            }

            if (dimensions.All(d => tags.TryGetValue(d.Key, out var value) && value == d.Value))
            {
                sum += metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                    _ => throw new NotSupportedException($"{instrument} is a {metric.MetricType}"),
                };
            }
        }

        return sum;
    }
}
