using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableInvoiceNumbersContractTests(AzuriteFixture azurite) : InvoiceNumbersContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IInvoiceNumbers> CreateAsync() => await storage.ReadyAsync<IInvoiceNumbers>(new TableInvoiceNumbers(storage, new InvoiceNumberingOptions()));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
