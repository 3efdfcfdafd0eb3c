using ServerlessBilling.Invoicing;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class BlobInvoiceStoreContractTests(AzuriteFixture azurite) : InvoiceStoreContract
{
    private readonly ScratchBlobs storage = new(azurite);

    protected override async Task<IInvoiceStore> CreateAsync() => await storage.ReadyAsync<IInvoiceStore>(new BlobInvoiceStore(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
