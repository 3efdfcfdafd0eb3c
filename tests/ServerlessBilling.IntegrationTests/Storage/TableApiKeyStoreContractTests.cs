using ServerlessBilling.Access;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableApiKeyStoreContractTests(AzuriteFixture azurite) : ApiKeyStoreContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IApiKeyStore> CreateAsync() => await storage.ReadyAsync<IApiKeyStore>(new TableApiKeyStore(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
