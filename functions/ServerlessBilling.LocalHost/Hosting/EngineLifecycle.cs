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
/// <remarks>It also drains the engine before the worker stops (<see cref="DrainAsync"/>): the worker cancels its work-item
/// stream and every running work item's calls with one token, so a work item still in flight when it stops is cut off (and the
/// SDK logs an error for it). Draining stops handing out work items and waits for those handed out to be completed, abandoned
/// or released by the engine's dispatchers, which the still-running worker lets finish.</remarks>
public class EngineLifecycle : DispatchProxy
{
    private readonly Lock gate = new();
    private readonly HashSet<object> inFlight = new(ReferenceEqualityComparer.Instance);
    private readonly TaskCompletionSource draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IOrchestrationService inner = null!;
    private Task? started;
    private Task? stopped;
    private bool stopRequested;
    private TaskCompletionSource? idle;
    private int workerActivities;

    /// <summary>Completes when a drain has begun: from then on no work item is handed out.</summary>
    public Task Draining => draining.Task;

    /// <summary>How the last drain went; null before one.</summary>
    public EngineDrain? LastDrain { get; private set; }

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
            case nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync):
                return HandOutAsync(targetMethod, args!, (TaskOrchestrationWorkItem item) => GiveBackAsync(item));
            case nameof(IOrchestrationService.LockNextTaskActivityWorkItem):
                return HandOutAsync(targetMethod, args!, (TaskActivityWorkItem item) => inner.AbandonTaskActivityWorkItemAsync(item));
            case nameof(IOrchestrationService.ReleaseTaskOrchestrationWorkItemAsync):
            case nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync):
            case nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync):
                return SettleAsync((Task)Call(targetMethod, args)!, args![0]!);
        }

        return Call(targetMethod, args);
    }

    /// <summary>Stops handing out work items and waits, at most <paramref name="limit"/>, for the ones handed out to settle.</summary>
    /// <param name="began">Told how many were in flight as the drain began, before it waits.</param>
    /// <returns>How many were in flight when the drain began, and whether all of them settled in time.</returns>
    public async Task<EngineDrain> DrainAsync(TimeSpan limit, Action<int>? began = null)
    {
        Task settled;
        int count;
        lock (gate)
        {
            draining.TrySetResult();
            count = inFlight.Count;
            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (count == 0 && workerActivities == 0)
            {
                idle.TrySetResult();
            }

            settled = idle.Task;
        }

        began?.Invoke(count);
        var drained = await Task.WhenAny(settled, Task.Delay(limit)) == settled;
        return LastDrain = new EngineDrain(count, drained);
    }

    /// <summary>The worker started or finished an activity (<c>ConfigureActivityNotification</c>). It finishes one after its
    /// completion call returned, which can be just after the engine settled the work item: a drain waits for both.</summary>
    public void WorkerActivity(bool started)
    {
        lock (gate)
        {
            workerActivities += started ? 1 : -1;
            if (workerActivities == 0 && inFlight.Count == 0)
            {
                idle?.TrySetResult();
            }
        }
    }

    private object? Call(MethodInfo targetMethod, object?[]? args)
    {
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

    /// <summary>A lock on the next work item, unless the engine is draining: then the call waits until the dispatcher gives up
    /// (its token is cancelled when the host stops), and a work item locked as the drain began goes back to its queue untouched.</summary>
    private async Task<T?> HandOutAsync<T>(MethodInfo lockNext, object?[] args, Func<T, Task> giveBack)
        where T : class
    {
        var cancellationToken = (CancellationToken)args[^1]!;
        if (!draining.Task.IsCompleted)
        {
            var item = await (Task<T?>)Call(lockNext, args)!;
            if (item is null)
            {
                return null;
            }

            lock (gate)
            {
                if (!draining.Task.IsCompleted)
                {
                    inFlight.Add(item);
                    return item;
                }
            }

            await giveBack(item);
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    private async Task GiveBackAsync(TaskOrchestrationWorkItem item)
    {
        await inner.AbandonTaskOrchestrationWorkItemAsync(item);
        await inner.ReleaseTaskOrchestrationWorkItemAsync(item);
    }

    private async Task SettleAsync(Task call, object item)
    {
        try
        {
            await call;
        }
        finally
        {
            lock (gate)
            {
                if (inFlight.Remove(item) && inFlight.Count == 0 && workerActivities == 0)
                {
                    idle?.TrySetResult();
                }
            }
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
