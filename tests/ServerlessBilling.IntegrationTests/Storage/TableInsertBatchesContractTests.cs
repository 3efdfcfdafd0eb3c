using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The identity and usage contracts again, with the claims' and rows' transactions written by <see cref="TableInsertBatches"/>
/// (the billing clients' path) instead of the SDK's.</summary>
[Collection(AzuriteCollection.Name)]
public class TableEventIdentitiesInsertBatchesContractTests(AzuriteFixture azurite) : EventIdentitiesContract
{
    private readonly ScratchTables storage = new ScratchTables(azurite).WithInsertBatches();

    protected override async Task<IEventIdentities> CreateAsync() => await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}

[Collection(AzuriteCollection.Name)]
public class TableUsageLedgerInsertBatchesContractTests(AzuriteFixture azurite) : UsageLedgerContract
{
    private readonly ScratchTables storage = new ScratchTables(azurite).WithInsertBatches();

    protected override async Task<IUsageLedger> CreateAsync() => await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
