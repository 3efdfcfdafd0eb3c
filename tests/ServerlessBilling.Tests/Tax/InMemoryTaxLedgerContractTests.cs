using ServerlessBilling.PortContracts;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

public class InMemoryTaxLedgerContractTests : TaxLedgerContract
{
    protected override Task<ITaxLedger> CreateAsync() => Task.FromResult<ITaxLedger>(new InMemoryTaxLedger());
}
