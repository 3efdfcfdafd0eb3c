using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCdrFileRatingsContractTests(AzuriteFixture azurite) : CdrFileRatingsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICdrFileRatings> CreateAsync() => await storage.ReadyAsync<ICdrFileRatings>(new TableCdrFileRatings(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
