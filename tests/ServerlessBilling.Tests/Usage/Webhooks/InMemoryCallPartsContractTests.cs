using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class InMemoryCallPartsContractTests : CallPartStoreContract
{
    protected override Task<ICallPartStore> CreateAsync() => Task.FromResult<ICallPartStore>(new InMemoryCallParts());
}
