using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>How many partitions the local host's durable engine runs its task hub on: an existing hub's own count, read from the
/// hub; for a hub that does not exist yet, the configured count, else one.</summary>
/// <remarks>The Azure Storage provider does not take the count from the hub: it routes each instance to control queue
/// <c>hash(id) % PartitionCount</c> with the configured count, so an engine started with another count than the hub's sends an instance's
/// new messages to another queue than the ones already waiting for it (a close held on its timer, a collection waiting to dun), and the
/// docs' rule is that a count goes with a new hub. So an existing hub always keeps its count here, whatever is configured. A new hub
/// gets one partition unless told otherwise: the local host is its hub's only worker, and each further partition is a control queue
/// polled while the closes run (4 to 5 storage requests an invoice on four partitions, docs/performance.md). The Functions host in
/// Azure reads its own setting and keeps four by default (the most instances that run closes at once).</remarks>
public static class TaskHubPartitions
{
    /// <summary>A new hub's partitions when none are configured.</summary>
    public const int NewHubDefault = 1;

    /// <param name="configured">The configured count (<see cref="Cycles.TaskHubSettings.PartitionCount"/>), null when unset.</param>
    public static async Task<TaskHubPartitionChoice> ChooseAsync(string connection, string taskHubName, int? configured, CancellationToken cancellationToken)
    {
        if (await StoredAsync(connection, taskHubName, cancellationToken) is { } stored)
        {
            return new TaskHubPartitionChoice(stored, TaskHubPartitionSource.ExistingHub, configured);
        }

        return configured is { } count
            ? new TaskHubPartitionChoice(count, TaskHubPartitionSource.Configured, configured)
            : new TaskHubPartitionChoice(NewHubDefault, TaskHubPartitionSource.NewHubDefault, configured);
    }

    /// <summary>The partition count the hub was created with; null when the hub does not exist.</summary>
    /// <remarks>Read as the storage provider itself reads it for the scale controller (DurableTask.AzureStorage 2.x,
    /// <c>GetControlQueuesAsync</c>): with table partition management (its default) one row per control queue in the
    /// <c>&lt;hub&gt;Partitions</c> table; for a hub made with blob leases, <c>PartitionCount</c> in
    /// <c>&lt;hub&gt;-leases/taskhub.json</c>.</remarks>
    public static async Task<int?> StoredAsync(string connection, string taskHubName, CancellationToken cancellationToken)
    {
        return await LeaseRowsAsync(connection, taskHubName, cancellationToken) ?? await RecordedAsync(connection, taskHubName, cancellationToken);
    }

    private static async Task<int?> LeaseRowsAsync(string connection, string taskHubName, CancellationToken cancellationToken)
    {
        var table = new TableClient(connection, taskHubName + "Partitions");
        var rows = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter: "PartitionKey eq ''", select: ["RowKey"], cancellationToken: cancellationToken))
            {
                rows++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        return rows > 0 ? rows : null;
    }

    private static async Task<int?> RecordedAsync(string connection, string taskHubName, CancellationToken cancellationToken)
    {
        var record = new BlobContainerClient(connection, LeaseContainer(taskHubName)).GetBlobClient("taskhub.json");
        try
        {
            var content = await record.DownloadContentAsync(cancellationToken);
            using var json = JsonDocument.Parse(content.Value.Content.ToMemory());
            return json.RootElement.TryGetProperty("PartitionCount", out var count) && count.TryGetInt32(out var partitions) && partitions >= 1
                ? partitions
                : throw new InvalidOperationException($"The task hub {taskHubName}'s taskhub.json has no partition count; it was not written by the Azure Storage provider.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static string LeaseContainer(string taskHubName) => taskHubName.ToLowerInvariant() + "-leases";
}

public enum TaskHubPartitionSource
{
    /// <summary>The hub exists: its own count, whatever is configured.</summary>
    ExistingHub,

    /// <summary>A new hub, with the configured count.</summary>
    Configured,

    /// <summary>A new hub, nothing configured.</summary>
    NewHubDefault,
}

/// <param name="Configured">What the settings asked for, null when unset (an existing hub's count may differ from it).</param>
public sealed record TaskHubPartitionChoice(int Partitions, TaskHubPartitionSource Source, int? Configured)
{
    /// <summary>The settings ask for another count than the existing hub's, which is kept.</summary>
    public bool ConfiguredIgnored => Source == TaskHubPartitionSource.ExistingHub && Configured is { } asked && asked != Partitions;
}
