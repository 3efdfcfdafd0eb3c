using ServerlessBilling.PortContracts;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class InMemoryCdrPortsCheckpointsContractTests : CdrCheckpointsContract
{
    protected override Task<ICdrCheckpoints> CreateAsync() => Task.FromResult<ICdrCheckpoints>(new InMemoryCdrPorts());
}
