namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>What a stop of the local host says about the durable engine's drain (<see cref="EngineLifecycle.DrainAsync"/>), so an
/// operator who pressed Ctrl+C sees why the stop waits and whether anything was cut off.</summary>
public static partial class EngineDrainLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Stopping: the durable engine hands out no more work; waiting up to {LimitSeconds} s for the {InFlight} work items in flight")]
    public static partial void Draining(ILogger logger, int inFlight, int limitSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine drained in {ElapsedMilliseconds} ms: the {InFlight} work items in flight finished")]
    public static partial void Drained(ILogger logger, int inFlight, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Durable engine not drained within {LimitSeconds} s: work still running is cut off and runs again from the engine's queues at the next start (LocalHost:StopDrainSeconds)")]
    public static partial void NotDrained(ILogger logger, int limitSeconds);
}
