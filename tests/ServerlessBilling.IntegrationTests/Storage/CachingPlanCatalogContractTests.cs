using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Rating's plan catalog, which keeps the plans it read, keeps the catalog's contract: every write is seen by the next read.</summary>
[Collection(AzuriteCollection.Name)]
public class CachingPlanCatalogContractTests(AzuriteFixture azurite) : PlanCatalogContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IPlanCatalog> CreateAsync() =>
        new CachingPlanCatalog(await storage.ReadyAsync<IPlanCatalog>(new TablePlanCatalog(storage)), new RatingLookupCache(TimeSpan.FromMinutes(10), TimeProvider.System), readsCached: true);

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
