using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

public class InMemoryPlanCatalogContractTests : PlanCatalogContract
{
    protected override Task<IPlanCatalog> CreateAsync() => Task.FromResult<IPlanCatalog>(new InMemoryPlanCatalog());
}
