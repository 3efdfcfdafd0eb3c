using ServerlessBilling.Tax;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableTaxLedgerContractTests(AzuriteFixture azurite) : TaxLedgerContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ITaxLedger> CreateAsync() => await storage.ReadyAsync<ITaxLedger>(new TableTaxLedger(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
