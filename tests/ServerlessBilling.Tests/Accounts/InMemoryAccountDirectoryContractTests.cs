using ServerlessBilling.Accounts;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Accounts;

public class InMemoryAccountDirectoryContractTests : AccountDirectoryContract
{
    protected override Task<IAccountDirectory> CreateAsync() => Task.FromResult<IAccountDirectory>(new InMemoryAccountDirectory());
}
