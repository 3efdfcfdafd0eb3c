using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The event identities' contract with the claims spread over 64 tables, as the local host keeps them: more tables than
/// buckets, so a bucket's claims are in four tables and a message's claims are written and read table by table.</summary>
[Collection(AzuriteCollection.Name)]
public class TableEventIdentitiesQuarterBucketContractTests(AzuriteFixture azurite) : EventIdentitiesContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IEventIdentities> CreateAsync() =>
        await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage, ledger: new LedgerTables(64)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
