using ServerlessBilling.Rating;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableUsageLedgerContractTests(AzuriteFixture azurite) : UsageLedgerContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IUsageLedger> CreateAsync() => await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
