using ServerlessBilling.PortContracts;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

public class InMemoryTaxTableStoreContractTests : TaxTableStoreContract
{
    protected override Task<ITaxTableStore> CreateAsync() => Task.FromResult<ITaxTableStore>(new InMemoryTaxTableStore());
}
