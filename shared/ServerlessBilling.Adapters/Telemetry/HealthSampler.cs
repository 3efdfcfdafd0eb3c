using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerlessBilling.Telemetry;

/// <summary>Takes a <see cref="HealthReport"/> every minute for the gauges (queue depth, poison depth, tax days to expiry) and
/// for the local host's status line; the exporter's thread then never waits on storage.</summary>
public sealed partial class HealthSampler(HealthProbe probe, BillingMetrics metrics, ILogger<HealthSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The last report taken; null before the first.</summary>
    public HealthReport? Last { get; private set; }

    /// <summary>Takes a report now and keeps it for the gauges.</summary>
    public async Task<HealthReport> SampleAsync(CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken);
        Last = report;
        metrics.Sampled(report);
        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health sample failed; the gauges keep the last one")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
