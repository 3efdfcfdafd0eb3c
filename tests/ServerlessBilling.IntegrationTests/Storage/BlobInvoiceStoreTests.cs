using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class BlobInvoiceStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SaveFinalAsync_Twice_KeepsTheFirstDocuments()
    {
        var store = new BlobInvoiceStore(azurite.Blobs);
        var account = "store-" + Guid.NewGuid().ToString("N")[..8];
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);
        var line = new InvoiceLine(LineCategory.PlatformFee, "Platform", 1, "month", 10m, new Money(10m, "USD"));
        var draft = new Invoice(Invoice.IdFor(account, period), account, "Store Test", period, "USD", [line]);
        await store.SaveDraftAsync(draft, CancellationToken.None);
        (await store.FindAsync(account, draft.Id, CancellationToken.None))!.IsFinal.ShouldBeFalse();

        var final = draft.Finalize("INV-1", new LocalDate(2026, 11, 2), 30);
        var documents = await store.SaveFinalAsync(final, new byte[] { 1, 2, 3 }, "first", CancellationToken.None);
        await store.SaveFinalAsync(draft.Finalize("INV-2", new LocalDate(2026, 11, 3), 30), new byte[] { 9 }, "second", CancellationToken.None);

        var stored = await store.FindAsync(account, draft.Id, CancellationToken.None);
        stored!.Number.ShouldBe("INV-1");
        var pdf = await azurite.Blobs.GetBlobContainerClient(StorageNames.InvoicesContainer)
            .GetBlobClient(documents.Pdf[(StorageNames.InvoicesContainer.Length + 1)..]).DownloadContentAsync();
        pdf.Value.Content.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
        documents.UsageCsv.ShouldBe($"{StorageNames.InvoicesContainer}/{account}/{draft.Id}.usage.csv");
        var csv = await azurite.Blobs.GetBlobContainerClient(StorageNames.InvoicesContainer)
            .GetBlobClient(documents.UsageCsv[(StorageNames.InvoicesContainer.Length + 1)..]).DownloadContentAsync();
        csv.Value.Content.ToString().ShouldBe("first");
        csv.Value.Details.ContentType.ShouldStartWith("text/csv");
    }
}
