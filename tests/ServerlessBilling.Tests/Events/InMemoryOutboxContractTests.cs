using ServerlessBilling.Events;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Events;

public class InMemoryOutboxContractTests : OutboxContract
{
    protected override Task<IOutbox> CreateAsync() => Task.FromResult<IOutbox>(new InMemoryOutbox());
}
