using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class InMemoryPortalRevocationsContractTests : PortalRevocationsContract
{
    protected override Task<IPortalRevocations> CreateAsync() => Task.FromResult<IPortalRevocations>(new InMemoryPortalRevocations());
}
