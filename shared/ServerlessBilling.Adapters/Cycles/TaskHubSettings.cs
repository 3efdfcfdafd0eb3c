using ServerlessBilling.Hosting;

namespace ServerlessBilling.Cycles;

/// <summary>The durable task hub's partitions: the Functions host's own setting
/// (<c>AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount</c>, which overrides host.json), read by
/// the local host's engine too for a hub it creates (an existing hub keeps its own count there; unset, a new local hub gets one).</summary>
/// <remarks>Orchestrations are spread over the partitions and one instance holds each partition's lease, so the partition count is
/// the most instances that run orchestrations at once. The count is fixed when the task hub is created: a change takes effect for
/// a new task hub (a new <c>DurableTaskHubName</c>), not for one that already exists.</remarks>
public sealed class TaskHubSettings : ISettingsSection
{
    public static string Section => "AzureFunctionsJobHost:extensions:durableTask:storageProvider";

    /// <summary>Partitions of a new task hub, 1 to 16 (unset: 4 in the Functions host, the Azure Storage provider's default; 1 in the
    /// local host, its hub's only worker).</summary>
    public int? PartitionCount { get; set; }

    public IEnumerable<string> Problems() =>
        PartitionCount is < 1 or > 16 ? [$"{Section}:PartitionCount: must be between 1 and 16."] : [];
}
