using ServerlessBilling.Events;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The local stand-in for the <c>PublishDomainEvents</c> timer: publishes pending events every
/// <see cref="LocalHostOptions.PublishEventsEvery"/>. Off unless that option is set.</summary>
[StandsInFor("PublishDomainEvents")]
public sealed partial class OutboxPublisher(OutboxRelay relay, LocalHostOptions options, ILogger<OutboxPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PublishEventsEvery is not { } every)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await relay.PublishPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left pending: the next tick publishes it.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing domain events failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
