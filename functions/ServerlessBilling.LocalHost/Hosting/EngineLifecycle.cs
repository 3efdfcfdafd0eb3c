using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>
/// Wraps the orchestration service so it starts at most once, stops at most once and only after it started, and so
/// the host can wait for the stop. The gRPC server starts and stops the engine from host lifetime callbacks that
/// nothing awaits; a stop racing a start would otherwise fault the process, and an unawaited stop leaves
/// partition leases held.
/// </summary>
public class EngineLifecycle : DispatchProxy
{
    private readonly Lock gate = new();
    private IOrchestrationService inner = null!;
    private Task? started;
    private Task? stopped;
    private bool stopRequested;

    /// <summary>Completes when the engine has stopped (or was never started).</summary>
    public Task Stopped => StopOnce(false);

    public static IOrchestrationService Wrap(IOrchestrationService inner, out EngineLifecycle lifecycle)
    {
        var proxy = Create<IOrchestrationService, EngineLifecycle>();
        lifecycle = (EngineLifecycle)(object)proxy;
        lifecycle.inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod!.Name)
        {
            case nameof(IOrchestrationService.StartAsync):
                lock (gate)
                {
                    return stopRequested ? Task.CompletedTask : started ??= inner.StartAsync();
                }

            case nameof(IOrchestrationService.StopAsync):
                return StopOnce(args is [true]);
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private Task StopOnce(bool forced)
    {
        lock (gate)
        {
            stopRequested = true;
            return stopped ??= StopAfterStartAsync(forced);
        }
    }

    private async Task StopAfterStartAsync(bool forced)
    {
        Task? running;
        lock (gate)
        {
            running = started;
        }

        if (running is null)
        {
            return;
        }

        try
        {
            await running;
        }
        catch (Exception) when (!forced)
        {
            return; // it never started: nothing to stop
        }

        await inner.StopAsync(forced);
    }
}
