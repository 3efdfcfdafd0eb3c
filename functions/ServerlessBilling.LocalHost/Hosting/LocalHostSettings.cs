using ServerlessBilling.Hosting;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Section <c>LocalHost</c>: how the local host (<c>serve</c>, <c>demo</c>, the benches) polls and stops. The Functions host
/// in Azure does not read it: it polls queues by host.json, Event Grid pushes the drops, and the platform decides how long a stopping
/// instance has.</summary>
public sealed class LocalHostSettings : ISettingsSection
{
    public static string Section => "LocalHost";

    /// <summary>How long a stop (Ctrl+C, SIGTERM) lets the closes, collections and dunning steps in flight finish before the durable
    /// worker stops anyway, 1 to 300 seconds (default 10). Work still running then is not lost: its messages reappear at the next start.</summary>
    public int? StopDrainSeconds { get; set; }

    public TimeSpan StopDrain => TimeSpan.FromSeconds(StopDrainSeconds ?? 10);

    /// <summary>The whole stop's bound: the drain, then the worker, Kestrel and the engine's release of its leases.</summary>
    public TimeSpan StopLimit => StopDrain + TimeSpan.FromSeconds(15);

    /// <summary>The longest a listener (the rating and webhook delivery queues, the drop container) waits between looks while they
    /// stay empty, 1 to 60 seconds (default 5): the wait doubles from the poll interval with each empty look, as the Functions host's
    /// <c>maxPollingInterval</c> does. Work this process puts there wakes its listener (within the poll interval); work from another process (a drop
    /// uploaded by <c>cdr-file</c>) waits at most this long after a quiet spell.</summary>
    public int? MaxPollingIntervalSeconds { get; set; }

    public TimeSpan MaxPollingInterval => TimeSpan.FromSeconds(MaxPollingIntervalSeconds ?? 5);

    public IEnumerable<string> Problems() =>
    [
        .. StopDrainSeconds is < 1 or > 300 ? [$"{Section}:StopDrainSeconds: must be between 1 and 300 seconds."] : Array.Empty<string>(),
        .. MaxPollingIntervalSeconds is < 1 or > 60 ? [$"{Section}:MaxPollingIntervalSeconds: must be between 1 and 60 seconds."] : Array.Empty<string>(),
    ];
}
