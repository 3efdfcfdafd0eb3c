using ServerlessBilling.Cycles;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCycleLedgerContractTests(AzuriteFixture azurite) : CycleLedgerContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICycleLedger> CreateAsync() => await storage.ReadyAsync<ICycleLedger>(new TableCycleLedger(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
