using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The local stand-in for the <c>CloseDueCycles</c> timer: runs the same function at start and then every
/// <see cref="LocalHostOptions.CloseDueEvery"/> (Azurite has no timer triggers). Off unless that option is set.</summary>
[StandsInFor("CloseDueCycles")]
public sealed partial class CloseDueCheck(IServiceProvider services, LocalHostOptions options, ILogger<CloseDueCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CloseDueEvery is not { } every)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await RunOnceAsync(services, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again, as the timer function would the next day.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One check, as the timer function does it, with the host's durable client.</summary>
    public static Task<CloseDueSummary> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        RunOnceAsync(services, accountPrefix: null, cancellationToken);

    /// <summary>One check of the accounts whose id starts with <paramref name="accountPrefix"/> (null: every account), so a test
    /// on a shared Azurite starts and counts only its own.</summary>
    public static Task<CloseDueSummary> RunOnceAsync(IServiceProvider services, string? accountPrefix, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<CloseDueCyclesFunction>(services)
            .CloseDueAsync(services.GetRequiredService<DurableTaskClient>(), accountPrefix, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The check for due closes failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
