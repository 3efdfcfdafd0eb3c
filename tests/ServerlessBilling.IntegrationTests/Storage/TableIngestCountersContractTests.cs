using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableIngestCountersContractTests(AzuriteFixture azurite) : IngestCountersContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IIngestCounters> CreateAsync() => await storage.ReadyAsync<IIngestCounters>(new TableIngestCounters(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
