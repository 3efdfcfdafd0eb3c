using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TablePortalRevocationsContractTests(AzuriteFixture azurite) : PortalRevocationsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IPortalRevocations> CreateAsync() => await storage.ReadyAsync<IPortalRevocations>(new TablePortalRevocations(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
