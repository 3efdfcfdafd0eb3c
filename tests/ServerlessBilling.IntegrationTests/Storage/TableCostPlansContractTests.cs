using ServerlessBilling.PortContracts;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCostPlansContractTests(AzuriteFixture azurite) : CostPlansContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICostPlans> CreateAsync() => await storage.ReadyAsync<ICostPlans>(new TableCostPlans(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
