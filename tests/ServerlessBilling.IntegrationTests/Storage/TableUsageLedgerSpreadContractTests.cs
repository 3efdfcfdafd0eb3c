using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The usage ledger's contract with its rows spread over 64 tables, as the local host keeps them.</summary>
[Collection(AzuriteCollection.Name)]
public class TableUsageLedgerSpreadContractTests(AzuriteFixture azurite) : UsageLedgerContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IUsageLedger> CreateAsync() =>
        await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage, ledger: new LedgerTables(64)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
