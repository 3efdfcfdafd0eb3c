using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableEventIdentitiesContractTests(AzuriteFixture azurite) : EventIdentitiesContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IEventIdentities> CreateAsync() => await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
