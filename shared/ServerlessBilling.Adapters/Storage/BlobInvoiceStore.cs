using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Documents;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Invoices in <c>invoices</c>: <c>{account}/{invoice}.draft.json</c> while closing, then <c>{account}/{invoice}.json</c>,
/// <c>.pdf</c>, <c>.usage.csv</c> and <c>.usage.xlsx</c> (made from the stored CSV, so it lists what the CSV lists), written once.</summary>
public sealed class BlobInvoiceStore(BlobServiceClient blobs) : IInvoiceStore
{
    /// <summary>The size of each block a long usage detail is staged in (one request each).</summary>
    private const int TransferBlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);

    private readonly UsageDetailXlsx workbooks = new();

    public async Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken) =>
        await container.GetBlobClient(DraftName(draft.AccountId, draft.Id))
            .UploadAsync(Serialize(draft), new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken);

    public async Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        await TryReadAsync(FinalName(accountId, invoiceId, "json"), cancellationToken)
        ?? await TryReadAsync(DraftName(accountId, invoiceId), cancellationToken);

    /// <summary>The final JSON only: a close's first step asks whether its invoice was issued before, and the draft is not needed then.</summary>
    public Task<Invoice?> FindFinalAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        TryReadAsync(FinalName(accountId, invoiceId, "json"), cancellationToken);

    public async Task<InvoiceDocuments> SaveFinalAsync(
        Invoice invoice, ReadOnlyMemory<byte> pdf, Func<TextWriter, CancellationToken, Task> writeUsageCsv, CancellationToken cancellationToken)
    {
        var json = FinalName(invoice.AccountId, invoice.Id, "json");
        var pdfName = FinalName(invoice.AccountId, invoice.Id, "pdf");
        var csvName = FinalName(invoice.AccountId, invoice.Id, "usage.csv");
        var xlsxName = FinalName(invoice.AccountId, invoice.Id, "usage.xlsx");
        await WriteOnceAsync(pdfName, BinaryData.FromBytes(pdf), new BlobHttpHeaders { ContentType = "application/pdf" }, cancellationToken);
        await using (var csv = await SpoolAsync(writeUsageCsv, cancellationToken))
        {
            await UploadOnceAsync(csvName, csv, new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" }, cancellationToken);
            csv.Position = 0;
            await WriteWorkbookOnceAsync(csv, xlsxName, cancellationToken);
        }


        // The JSON goes last: its presence is what marks the invoice final.
        await WriteOnceAsync(json, Serialize(invoice), JsonHeaders, cancellationToken);
        return new InvoiceDocuments(
            $"{StorageNames.InvoicesContainer}/{json}", $"{StorageNames.InvoicesContainer}/{pdfName}", $"{StorageNames.InvoicesContainer}/{csvName}",
            $"{StorageNames.InvoicesContainer}/{xlsxName}");
    }

    /// <summary>The XLSX made from the CSV just stored (its local copy, written through a temporary file), so it is signed and served
    /// like the other files; an earlier attempt's workbook is kept.</summary>
    /// <remarks>Made from the local copy rather than the blob read back (a request per invoice): the CSV is the same on every attempt
    /// (the final invoice's calls, frozen once the close started), so the workbook is too.</remarks>
    private async Task WriteWorkbookOnceAsync(Stream csv, string xlsxName, CancellationToken cancellationToken)
    {
        // No existence check first: the upload is conditional, and a retry, the only one to find the workbook, is rare.
        await using var workbook = await workbooks.FromCsvAsync(csv, cancellationToken);
        await UploadOnceAsync(xlsxName, workbook, new BlobHttpHeaders { ContentType = DocumentAddress.XlsxContentType }, cancellationToken);
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

    /// <summary>Writes a text document into a temporary file (deleted when the stream is closed), so a long usage detail is never held
    /// whole in memory and can be read twice: uploaded, then made into the workbook.</summary>
    private static async Task<FileStream> SpoolAsync(Func<TextWriter, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"usage-{Guid.NewGuid():N}.csv"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            4096, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true))
            {
                await write(writer, cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Uploads a document only if no blob of that name exists. Beyond one transfer block the upload stages blocks and commits
    /// them at the end, so a crash part-way leaves no partial document; an earlier attempt's document is kept.</summary>
    /// <remarks>One block at a time: the SDK then sends each block straight from the (seekable) temporary file. With more at once it
    /// copies every block into a 4 MiB array from the process's shared pool, which keeps the arrays after the upload: a 200,000-call
    /// close peaked 12 MiB higher that way (docs/performance.md, "One account with a long period"). Blocks in sequence cost no more
    /// requests, and Azurite serves one request at a time anyway.</remarks>
    private async Task UploadOnceAsync(string name, Stream content, BlobHttpHeaders headers, CancellationToken cancellationToken)
    {
        // No existence check first (a request per document on every close): the upload is conditional, so a retry that finds the
        // document writes it again for nothing and keeps the first.
        try
        {
            await container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = headers,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = TransferBlockBytes, MaximumTransferSize = TransferBlockBytes, MaximumConcurrency = 1,
                },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Committed meanwhile by an earlier attempt; a final document is never replaced.
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
