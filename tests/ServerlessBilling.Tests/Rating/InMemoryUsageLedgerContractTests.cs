using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

public class InMemoryUsageLedgerContractTests : UsageLedgerContract
{
    protected override Task<IUsageLedger> CreateAsync() => Task.FromResult<IUsageLedger>(new InMemoryUsageLedger());
}
