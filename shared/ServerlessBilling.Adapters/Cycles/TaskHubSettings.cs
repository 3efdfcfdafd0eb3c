using ServerlessBilling.Hosting;

namespace ServerlessBilling.Cycles;

/// <summary>The durable task hub's partitions: the Functions host's own setting
/// (<c>AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount</c>, which overrides host.json), read by
/// the local host's engine too, so both hosts run closes and collections on the same number of partitions.</summary>
/// <remarks>Orchestrations are spread over the partitions and one instance holds each partition's lease, so the partition count is
/// the most instances that run orchestrations at once. The count is fixed when the task hub is created: a change takes effect for
/// a new task hub (a new <c>DurableTaskHubName</c>), not for one that already exists.</remarks>
public sealed class TaskHubSettings : ISettingsSection
{
    public static string Section => "AzureFunctionsJobHost:extensions:durableTask:storageProvider";

    /// <summary>Partitions of a new task hub, 1 to 16 (default 4, the Azure Storage provider's).</summary>
    public int? PartitionCount { get; set; }

    public int Partitions => PartitionCount ?? 4;

    public IEnumerable<string> Problems() =>
        PartitionCount is < 1 or > 16 ? [$"{Section}:PartitionCount: must be between 1 and 16."] : [];
}
