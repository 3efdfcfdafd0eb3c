using ServerlessBilling.Events;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableOutboxContractTests(AzuriteFixture azurite) : OutboxContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IOutbox> CreateAsync() => await storage.ReadyAsync<IOutbox>(new TableOutbox(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
