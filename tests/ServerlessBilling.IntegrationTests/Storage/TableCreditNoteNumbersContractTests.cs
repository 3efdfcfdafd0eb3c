using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCreditNoteNumbersContractTests(AzuriteFixture azurite) : CreditNoteNumbersContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<ICreditNoteNumbers> CreateAsync() => await storage.ReadyAsync<ICreditNoteNumbers>(new TableCreditNoteNumbers(storage, new InvoiceNumberingOptions()));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
