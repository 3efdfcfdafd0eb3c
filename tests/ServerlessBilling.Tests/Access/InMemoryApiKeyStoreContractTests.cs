using ServerlessBilling.Access;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Access;

public class InMemoryApiKeyStoreContractTests : ApiKeyStoreContract
{
    protected override Task<IApiKeyStore> CreateAsync() => Task.FromResult<IApiKeyStore>(new InMemoryApiKeyStore());
}
