namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>How a drain of the durable engine went before the worker stopped (<see cref="EngineLifecycle.DrainAsync"/>).</summary>
/// <param name="InFlight">Work items (orchestration episodes and activities) handed out and not yet settled when the drain began.</param>
/// <param name="Drained">True when every one of them settled within the limit, so stopping the worker cut nothing off.</param>
public sealed record EngineDrain(int InFlight, bool Drained);
