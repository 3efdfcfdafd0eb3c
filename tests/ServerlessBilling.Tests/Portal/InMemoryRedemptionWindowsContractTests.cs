using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class InMemoryRedemptionWindowsContractTests : RedemptionWindowsContract
{
    protected override Task<IRedemptionWindows> CreateAsync() => Task.FromResult<IRedemptionWindows>(new InMemoryRedemptionWindows());
}
