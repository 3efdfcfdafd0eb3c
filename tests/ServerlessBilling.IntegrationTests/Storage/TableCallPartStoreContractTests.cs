using ServerlessBilling.Usage;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCallPartStoreContractTests(AzuriteFixture azurite) : CallPartStoreContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICallPartStore> CreateAsync() => await storage.ReadyAsync<ICallPartStore>(new TableCallPartStore(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
