using System.Text.Json;
using ServerlessBilling.Storage;

namespace ServerlessBilling.DeploymentTests;

/// <summary>infra/modules/storage-names.bicep creates exactly the containers, queues and tables that <see cref="StorageNames"/> names.</summary>
public class StorageNamesDriftTests
{
    private static readonly Lazy<JsonElement> Variables = new(() => Bicep.Build("modules/storage-names.bicep").GetProperty("variables"));

    [BicepFact]
    public void Containers_AreTheCodes() => Names("billingContainers").ShouldBe(StorageNames.Containers, ignoreOrder: true);

    [BicepFact]
    public void Queues_AreTheCodes() => Names("billingQueues").ShouldBe(StorageNames.Queues, ignoreOrder: true);

    [BicepFact]
    public void Tables_AreTheCodes() => Names("billingTables").ShouldBe(StorageNames.Tables, ignoreOrder: true);

    [BicepFact]
    public void ProtectedContainers_AreInvoicesAndRawPayloads() =>
        Names("protectedContainers").ShouldBe([StorageNames.InvoicesContainer, StorageNames.RawArchiveContainer], ignoreOrder: true);

    [BicepFact]
    public void EventGridAndLifecycleContainers_AreTheCodes()
    {
        Variables.Value.GetProperty("cdrDropsContainer").GetString().ShouldBe(StorageNames.CdrDropsContainer);
        Variables.Value.GetProperty("rawArchiveContainer").GetString().ShouldBe(StorageNames.RawArchiveContainer);
    }

    [Fact]
    public void StorageModule_CreatesAPoisonQueueForEachQueue() =>
        Repository.ReadText("infra", "modules", "storage.bicep").ShouldContain("[q, '${q}-poison']");

    private List<string> Names(string variable) =>
        Variables.Value.GetProperty(variable).EnumerateArray().Select(name => name.GetString()!).ToList();
}
