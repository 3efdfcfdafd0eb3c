using ServerlessBilling.Payments;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableReceivablesContractTests(AzuriteFixture azurite) : ReceivablesContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IReceivables> CreateAsync() => await storage.ReadyAsync<IReceivables>(new TableReceivables(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
