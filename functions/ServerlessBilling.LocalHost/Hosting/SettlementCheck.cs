using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Payments;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The local stand-in for the <c>AuthorizeNetSettlementCheck</c> timer: runs the same function every
/// <see cref="LocalHostOptions.SettlementCheckEvery"/>. Off unless that option is set.</summary>
[StandsInFor("AuthorizeNetSettlementCheck")]
public sealed partial class SettlementCheck(IServiceProvider services, LocalHostOptions options, ILogger<SettlementCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SettlementCheckEvery is not { } every)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ActivatorUtilities.CreateInstance<AuthorizeNetSettlementCheckFunction>(services)
                    .CheckAsync(services.GetRequiredService<DurableTaskClient>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again, as the timer function would on its next schedule.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Authorize.Net settlement check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
