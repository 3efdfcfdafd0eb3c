using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

public class InMemoryEventIdentitiesContractTests : EventIdentitiesContract
{
    protected override Task<IEventIdentities> CreateAsync() => Task.FromResult<IEventIdentities>(new InMemoryEventIdentities());
}
