using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TablePlanCatalogContractTests(AzuriteFixture azurite) : PlanCatalogContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IPlanCatalog> CreateAsync() => await storage.ReadyAsync<IPlanCatalog>(new TablePlanCatalog(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
