using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The contract over a container of its own; a long refresh, so what it proves of an upload holds on the instance that took it.</summary>
[Collection(AzuriteCollection.Name)]
public class BlobTaxTablesContractTests(AzuriteFixture azurite) : TaxTableStoreContract
{
    private readonly ScratchBlobs storage = new(azurite);

    protected override async Task<ITaxTableStore> CreateAsync() =>
        await storage.ReadyAsync<ITaxTableStore>(new BlobTaxTables(storage, new TaxTableOptions(TimeSpan.FromMinutes(5)), TimeProvider.System));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
