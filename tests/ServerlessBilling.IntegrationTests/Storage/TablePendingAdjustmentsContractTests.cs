using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TablePendingAdjustmentsContractTests(AzuriteFixture azurite) : PendingAdjustmentsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IPendingAdjustments> CreateAsync() => await storage.ReadyAsync<IPendingAdjustments>(new TablePendingAdjustments(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
