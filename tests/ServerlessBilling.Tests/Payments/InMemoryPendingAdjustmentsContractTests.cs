using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Payments;

public class InMemoryPendingAdjustmentsContractTests : PendingAdjustmentsContract
{
    protected override Task<IPendingAdjustments> CreateAsync() => Task.FromResult<IPendingAdjustments>(new InMemoryPendingAdjustments());
}
