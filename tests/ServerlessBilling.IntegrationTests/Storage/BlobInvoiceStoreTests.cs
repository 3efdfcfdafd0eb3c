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
        var documents = await store.SaveFinalAsync(final, new byte[] { 1, 2, 3 }, Csv("first"), CancellationToken.None);
        await store.SaveFinalAsync(draft.Finalize("INV-2", new LocalDate(2026, 11, 3), 30), new byte[] { 9 }, Csv("second"), CancellationToken.None);

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

    [Fact]
    public async Task SaveFinalAsync_UsageLargerThanOneTransferBlock_IsStreamedWhole()
    {
        var store = new BlobInvoiceStore(azurite.Blobs);
        var account = "store-" + Guid.NewGuid().ToString("N")[..8];
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);
        var line = new InvoiceLine(LineCategory.PlatformFee, "Platform", 1, "month", 10m, new Money(10m, "USD"));
        var final = new Invoice(Invoice.IdFor(account, period), account, "Store Test", period, "USD", [line]).Finalize("INV-1", new LocalDate(2026, 11, 2), 30);
        const int rows = 120_000; // 120,000 rows of 50 bytes: 6,000,000 bytes, more than one 4 MiB block
        const string cells = ",t,Outbound,Telephony,a,b,0,0,0,0,0,0,USD,0,0,,";
        var row = "c" + new string('x', 47 - cells.Length) + cells + "\r\n";
        var header = UsageDetailCsv.Header + "\r\n";

        var documents = await store.SaveFinalAsync(final, new byte[] { 1 }, async (writer, ct) =>
        {
            await writer.WriteAsync(header.AsMemory(), ct);
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteAsync(row.AsMemory(), ct);
            }
        }, CancellationToken.None);

        var csv = await azurite.Blobs.GetBlobContainerClient(StorageNames.InvoicesContainer)
            .GetBlobClient(documents.UsageCsv[(StorageNames.InvoicesContainer.Length + 1)..]).DownloadContentAsync();
        csv.Value.Content.ToMemory().Length.ShouldBe(header.Length + (rows * 50));
        csv.Value.Content.ToString().ShouldBe(header + string.Concat(Enumerable.Repeat(row, rows)));
        // The workbook made from it lists every row.
        var xlsx = await azurite.Blobs.GetBlobContainerClient(StorageNames.InvoicesContainer)
            .GetBlobClient(documents.UsageXlsx[(StorageNames.InvoicesContainer.Length + 1)..]).DownloadContentAsync();
        Upstream.Spreadsheet.Read(xlsx.Value.Content.ToArray())["Calls"].Count.ShouldBe(1 + rows);
    }

    private static Func<TextWriter, CancellationToken, Task> Csv(string text) => (writer, ct) => writer.WriteAsync(text.AsMemory(), ct);
}
