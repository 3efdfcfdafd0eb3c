namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Raised when the host stops the durable worker, after draining the engine (<see cref="EngineLifecycle.DrainAsync"/>).
/// When the drain ran out of time, the worker's cancelled gRPC calls (an activity still running, its completion call cut off)
/// are expected, and the Durable Task SDK's error lines about them are not written; after a full drain nothing is cut off and
/// nothing is hidden.</summary>
/// <remarks>The host's own stopping token is not enough: the worker is stopped in the hosted lifecycle's stopping phase, which can
/// run before that token is cancelled.</remarks>
public sealed class DurableWorkerStopping
{
    private readonly CancellationTokenSource source = new();

    public bool IsStopping => source.IsCancellationRequested;

    /// <summary>True once the worker was stopped with work still in flight.</summary>
    public bool CutOff { get; private set; }

    internal void Signal(bool cutOff)
    {
        CutOff = cutOff;
        source.Cancel();
    }
}
