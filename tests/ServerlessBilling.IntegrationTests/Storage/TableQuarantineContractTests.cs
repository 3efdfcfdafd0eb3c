using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableQuarantineContractTests(AzuriteFixture azurite) : QuarantineContract
{
    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);

    protected override async Task<IQuarantine> CreateAsync()
    {
        var quarantine = new TableQuarantine(tables, blobs);
        await tables.ReadyAsync(quarantine);
        return await blobs.ReadyAsync<IQuarantine>(quarantine);
    }

    protected override async Task CleanUpAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }
}
