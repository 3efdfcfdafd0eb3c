using ServerlessBilling.Accounts;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Accounts;

public class InMemoryAccountListContractTests : AccountListContract
{
    protected override Task<IAccountDirectory> CreateAsync() => Task.FromResult<IAccountDirectory>(new InMemoryAccountDirectory());
}
