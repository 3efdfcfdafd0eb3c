using ServerlessBilling.Payments;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Payments;

public class InMemoryReceivablesContractTests : ReceivablesContract
{
    protected override Task<IReceivables> CreateAsync() => Task.FromResult<IReceivables>(new InMemoryReceivables());
}
