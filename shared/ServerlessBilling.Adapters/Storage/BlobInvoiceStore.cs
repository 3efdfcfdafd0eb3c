using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Invoices in <c>invoices</c>: <c>{account}/{invoice}.draft.json</c> while closing, then <c>{account}/{invoice}.json</c>, <c>.pdf</c> and <c>.usage.csv</c>, written once.</summary>
public sealed class BlobInvoiceStore(BlobServiceClient blobs) : IInvoiceStore
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);

    public async Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken) =>
        await container.GetBlobClient(DraftName(draft.AccountId, draft.Id))
            .UploadAsync(Serialize(draft), new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken);

    public async Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        await TryReadAsync(FinalName(accountId, invoiceId, "json"), cancellationToken)
        ?? await TryReadAsync(DraftName(accountId, invoiceId), cancellationToken);

    public async Task<InvoiceDocuments> SaveFinalAsync(Invoice invoice, ReadOnlyMemory<byte> pdf, string usageCsv, CancellationToken cancellationToken)
    {
        var json = FinalName(invoice.AccountId, invoice.Id, "json");
        var pdfName = FinalName(invoice.AccountId, invoice.Id, "pdf");
        var csvName = FinalName(invoice.AccountId, invoice.Id, "usage.csv");
        await WriteOnceAsync(pdfName, BinaryData.FromBytes(pdf), new BlobHttpHeaders { ContentType = "application/pdf" }, cancellationToken);
        await WriteOnceAsync(csvName, BinaryData.FromString(usageCsv), new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" }, cancellationToken);
        // The JSON goes last: its presence is what marks the invoice final.
        await WriteOnceAsync(json, Serialize(invoice), JsonHeaders, cancellationToken);
        return new InvoiceDocuments(
            $"{StorageNames.InvoicesContainer}/{json}", $"{StorageNames.InvoicesContainer}/{pdfName}", $"{StorageNames.InvoicesContainer}/{csvName}");
    }

    private static BlobHttpHeaders JsonHeaders => new() { ContentType = "application/json" };

    private async Task WriteOnceAsync(string name, BinaryData content, BlobHttpHeaders headers, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).UploadAsync(
                content,
                new BlobUploadOptions { HttpHeaders = headers, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already written by an earlier attempt; a final document is never replaced.
        }
    }

    private async Task<Invoice?> TryReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<Invoice>(BillingJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static BinaryData Serialize(Invoice invoice) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(invoice, BillingJson.Options));

    private static string DraftName(string accountId, string invoiceId) => $"{accountId}/{invoiceId}.draft.json";

    private static string FinalName(string accountId, string invoiceId, string extension) => $"{accountId}/{invoiceId}.{extension}";
}
