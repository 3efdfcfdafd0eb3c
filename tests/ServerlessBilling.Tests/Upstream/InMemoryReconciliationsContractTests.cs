using ServerlessBilling.PortContracts;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Tests.Upstream;

public class InMemoryReconciliationsContractTests : ReconciliationsContract
{
    protected override Task<IReconciliations> CreateAsync() => Task.FromResult<IReconciliations>(new InMemoryReconciliations());
}
