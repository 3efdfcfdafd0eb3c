namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Raised when the host starts stopping the durable worker. From then on the worker's cancelled gRPC calls (an activity
/// still running, its completion call cut off) are expected, and the Durable Task SDK's error lines about them are not written.</summary>
/// <remarks>The host's own stopping token is not enough: the worker is stopped in the hosted lifecycle's stopping phase, which can
/// run before that token is cancelled.</remarks>
public sealed class DurableWorkerStopping
{
    private readonly CancellationTokenSource source = new();

    public bool IsStopping => source.IsCancellationRequested;

    internal void Signal() => source.Cancel();
}
