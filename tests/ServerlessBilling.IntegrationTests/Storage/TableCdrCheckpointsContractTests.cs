using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCdrCheckpointsContractTests(AzuriteFixture azurite) : CdrCheckpointsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICdrCheckpoints> CreateAsync() => await storage.ReadyAsync<ICdrCheckpoints>(new TableCdrCheckpoints(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
