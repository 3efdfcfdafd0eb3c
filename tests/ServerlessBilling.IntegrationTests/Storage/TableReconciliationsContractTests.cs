using ServerlessBilling.PortContracts;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableReconciliationsContractTests(AzuriteFixture azurite) : ReconciliationsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IReconciliations> CreateAsync() => await storage.ReadyAsync<IReconciliations>(new TableReconciliations(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
