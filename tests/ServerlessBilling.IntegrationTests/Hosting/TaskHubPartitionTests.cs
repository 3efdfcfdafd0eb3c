using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Serializing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Hosting;

/// <summary>The local host's task hub partitions: a hub it creates gets one unless configured, an existing hub keeps the count it
/// was created with, whatever is configured, so the messages waiting on its other control queues still wake their orchestrations.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskHubPartitionTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly PricePlan Plan = new("partitions-plan", "Partitions", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task NewHub_NothingConfigured_GetsOnePartition()
    {
        var hub = OwnBillingHost.NewTaskHub();
        await using var host = await OwnBillingHost.StartAsync(hub, CloseDriver.UniqueId("part"));

        host.Host.Services.GetRequiredService<TaskHubPartitionChoice>().ShouldBe(new TaskHubPartitionChoice(1, TaskHubPartitionSource.NewHubDefault, null));
        (await TaskHubPartitions.StoredAsync(azurite.ConnectionString, hub, CancellationToken.None)).ShouldBe(1);
        (await ControlQueuesAsync(hub)).ShouldBe([hub.ToLowerInvariant() + "-control-00"]);
    }

    [Fact]
    public async Task ExistingFourPartitionHub_ConfiguredWithOne_KeepsFour_AndTheClosesWaitingOnItsQueuesFinish()
    {
        var hub = OwnBillingHost.NewTaskHub();
        var sequence = CloseDriver.UniqueId("part");
        var period = LastMonth();
        var cycles = new List<CycleRequest>();
        await using (var first = await OwnBillingHost.StartAsync(hub, sequence, extraSettings: PartitionCount(4)))
        {
            first.Host.Services.GetRequiredService<TaskHubPartitionChoice>().ShouldBe(new TaskHubPartitionChoice(4, TaskHubPartitionSource.Configured, 4));
            var starts = first.Host.Services.GetRequiredService<CycleStarts>();
            for (var i = 0; i < 8; i++)
            {
                var account = new Account(CloseDriver.UniqueId("part"), $"Partition Clinic {i}", Plan.Id, new BillingProfile("UTC", 1, "USD"));
                await first.Driver.SeedAsync(Plan, account);
                var cycle = new CycleRequest(account.Id, period.Key);
                (await starts.DecideAsync(cycle, SystemClock.Instance.GetCurrentInstant(), CancellationToken.None)).Status.ShouldBe(CycleStartStatus.Start);
                cycles.Add(cycle);
            }
        }

        // The closes are started while no host runs, as a four-partition engine routes them: their first messages wait on the
        // control queue of each instance's partition, most of them on queues a one-partition engine would never read.
        var engine = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            TaskHubName = hub,
            PartitionCount = 4,
        });
        var client = new TaskHubClient(engine, new AlreadySerialized());
        foreach (var cycle in cycles)
        {
            await client.CreateOrchestrationInstanceAsync(
                CloseCycleOrchestration.Name, "", cycle.InstanceId, Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(CloseCycleInput.Current(cycle)));
        }

        var waiting = await WaitingMessagesAsync(hub);
        waiting.Sum().ShouldBe(cycles.Count);
        waiting.Skip(1).Sum().ShouldBeGreaterThan(0);

        await using var second = await OwnBillingHost.StartAsync(hub, sequence, extraSettings: PartitionCount(1));
        second.Host.Services.GetRequiredService<TaskHubPartitionChoice>().ShouldBe(new TaskHubPartitionChoice(4, TaskHubPartitionSource.ExistingHub, 1));
        var durable = second.Host.Services.GetRequiredService<DurableTaskClient>();
        var numbers = new List<string?>();
        foreach (var cycle in cycles)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var closed = await durable.WaitForInstanceCompletionAsync(cycle.InstanceId, getInputsAndOutputs: true, timeout.Token);
            closed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
            numbers.Add(closed.ReadOutputAs<InvoiceSummary>()!.Number);
        }

        numbers.Order().ShouldBe(Enumerable.Range(1, cycles.Count).Select(n => $"INV-{n:000000}"));
        (await TaskHubPartitions.StoredAsync(azurite.ConnectionString, hub, CancellationToken.None)).ShouldBe(4);
    }

    private static Dictionary<string, string?> PartitionCount(int count) =>
        new() { [TaskHubSettings.Section + ":PartitionCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static BillingPeriod LastMonth()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        return BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
    }

    private async Task<string[]> ControlQueuesAsync(string hub)
    {
        var names = new List<string>();
        await foreach (var queue in azurite.Queues.GetQueuesAsync(prefix: hub.ToLowerInvariant() + "-control-"))
        {
            names.Add(queue.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>The messages waiting on each of the hub's four control queues.</summary>
    private async Task<int[]> WaitingMessagesAsync(string hub)
    {
        var counts = new int[4];
        for (var partition = 0; partition < counts.Length; partition++)
        {
            QueueClient queue = azurite.Queues.GetQueueClient($"{hub.ToLowerInvariant()}-control-{partition:00}");
            counts[partition] = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        return counts;
    }

    /// <summary>Hands the engine the input as the worker's own converter wrote it (the durable client's JSON), not re-serialized.</summary>
    private sealed class AlreadySerialized : DataConverter
    {
        public override string Serialize(object value) => (string)value;

        public override string Serialize(object value, bool formatted) => (string)value;

        public override object Deserialize(string data, Type objectType) => data;
    }
}
