using ServerlessBilling.PortContracts;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Tests.Upstream;

public class InMemoryCostPlansContractTests : CostPlansContract
{
    protected override Task<ICostPlans> CreateAsync() => Task.FromResult<ICostPlans>(new InMemoryCostPlans());
}
