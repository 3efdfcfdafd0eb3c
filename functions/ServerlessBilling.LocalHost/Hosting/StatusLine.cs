using System.Globalization;
using Microsoft.DurableTask.Client;
using NodaTime;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary><c>serve</c>'s one line every <see cref="LocalHostOptions.StatusEvery"/>: today's ingest (UTC day), what waits on the rating
/// queue and for how long, what is quarantined and how many closes are in flight. Off unless that option is set.</summary>
public sealed class StatusLine(IIngestCounters counters, HealthSampler health, DurableTaskClient durable, IClock clock, LocalHostOptions options) : BackgroundService
{
    /// <summary>The line as it would be printed now.</summary>
    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var parts = await counters.ListAsync(null, today, today, cancellationToken);
        var total = parts.Aggregate(new IngestCounts(), (sum, part) => sum.Plus(part.Counts));
        var report = health.Last ?? await health.SampleAsync(cancellationToken);
        var closes = 0;
        var query = new OrchestrationQuery { InstanceIdPrefix = "cycle:", Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending] };
        await foreach (var _ in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            closes++;
        }

        var lag = report.OldestUnratedSeconds is { } seconds ? $"{seconds:0}s" : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"{now.InUtc():HH:mm:ss} ingested {total.Received}, rated {total.Rated}, oldest unrated {lag}, queued {report.RatingQueueDepth ?? 0} (poison {report.PoisonDepth ?? 0}), quarantined {total.Quarantined}, closes in flight {closes}; {report.Status}");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.StatusEvery is not { } every)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Console.WriteLine(await ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.WriteLine($"status unavailable: {e.GetType().Name}");
            }
        }
    }
}
