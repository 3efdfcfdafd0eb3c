using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;

namespace ServerlessBilling.Tests.Payments;

public class InMemoryInvoicesContractTests : InvoiceStoreContract
{
    protected override Task<IInvoiceStore> CreateAsync() => Task.FromResult<IInvoiceStore>(new InMemoryInvoices());
}
