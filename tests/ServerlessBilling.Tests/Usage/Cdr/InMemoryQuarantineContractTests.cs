using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class InMemoryQuarantineContractTests : QuarantineContract
{
    protected override Task<IQuarantine> CreateAsync() => Task.FromResult<IQuarantine>(new InMemoryCdrPorts());
}
