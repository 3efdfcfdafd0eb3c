using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The event identities' contract with the claims spread over 16 tables, one bucket each.</summary>
[Collection(AzuriteCollection.Name)]
public class TableEventIdentitiesSpreadContractTests(AzuriteFixture azurite) : EventIdentitiesContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IEventIdentities> CreateAsync() =>
        await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage, ledger: new LedgerTables(16)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
