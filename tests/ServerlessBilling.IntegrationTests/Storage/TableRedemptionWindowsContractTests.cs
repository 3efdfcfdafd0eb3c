using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableRedemptionWindowsContractTests(AzuriteFixture azurite) : RedemptionWindowsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IRedemptionWindows> CreateAsync() =>
        await storage.ReadyAsync<IRedemptionWindows>(new TableRedemptionWindows(storage, TableRedemptionWindows.PortalOf("contract-portal-key"u8)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
