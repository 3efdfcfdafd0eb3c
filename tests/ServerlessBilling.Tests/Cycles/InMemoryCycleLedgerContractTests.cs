using ServerlessBilling.Cycles;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Cycles;

public class InMemoryCycleLedgerContractTests : CycleLedgerContract
{
    protected override Task<ICycleLedger> CreateAsync() => Task.FromResult<ICycleLedger>(new InMemoryCycleLedger());
}
