using Microsoft.DurableTask.Client;
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

    /// <summary>Takes a report now and asks the task hub as well (the gauges' sample needs no durable client; a health request has one).</summary>
    public async Task<HealthReport> CheckAsync(ITaskHubProbe taskHub, CancellationToken cancellationToken) =>
        (await SampleAsync(cancellationToken)).WithTaskHub(await taskHub.AnswersAsync(cancellationToken));

    /// <summary><see cref="CheckAsync(ITaskHubProbe, CancellationToken)"/> with the durable client a host hands its function.</summary>
    public Task<HealthReport> CheckAsync(DurableTaskClient durable, CancellationToken cancellationToken) =>
        CheckAsync(new DurableTaskHubProbe(durable), cancellationToken);

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
