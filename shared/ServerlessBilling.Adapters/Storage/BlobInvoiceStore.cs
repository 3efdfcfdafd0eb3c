using System.IO.Pipelines;
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
    /// <summary>The largest piece of a usage detail held in memory while it uploads.</summary>
    private const int TransferBlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);

    private readonly UsageDetailXlsx workbooks = new();

    public async Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken) =>
        await container.GetBlobClient(DraftName(draft.AccountId, draft.Id))
            .UploadAsync(Serialize(draft), new BlobUploadOptions { HttpHeaders = JsonHeaders }, cancellationToken);

    public async Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        await TryReadAsync(FinalName(accountId, invoiceId, "json"), cancellationToken)
        ?? await TryReadAsync(DraftName(accountId, invoiceId), cancellationToken);

    public async Task<InvoiceDocuments> SaveFinalAsync(
        Invoice invoice, ReadOnlyMemory<byte> pdf, Func<TextWriter, CancellationToken, Task> writeUsageCsv, CancellationToken cancellationToken)
    {
        var json = FinalName(invoice.AccountId, invoice.Id, "json");
        var pdfName = FinalName(invoice.AccountId, invoice.Id, "pdf");
        var csvName = FinalName(invoice.AccountId, invoice.Id, "usage.csv");
        var xlsxName = FinalName(invoice.AccountId, invoice.Id, "usage.xlsx");
        await WriteOnceAsync(pdfName, BinaryData.FromBytes(pdf), new BlobHttpHeaders { ContentType = "application/pdf" }, cancellationToken);
        await StreamOnceAsync(csvName, writeUsageCsv, new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" }, cancellationToken);
        await WriteWorkbookOnceAsync(csvName, xlsxName, cancellationToken);
        // The JSON goes last: its presence is what marks the invoice final.
        await WriteOnceAsync(json, Serialize(invoice), JsonHeaders, cancellationToken);
        return new InvoiceDocuments(
            $"{StorageNames.InvoicesContainer}/{json}", $"{StorageNames.InvoicesContainer}/{pdfName}", $"{StorageNames.InvoicesContainer}/{csvName}",
            $"{StorageNames.InvoicesContainer}/{xlsxName}");
    }

    /// <summary>The XLSX made from the stored CSV (read back as a stream, written through a temporary file), so it is signed and
    /// served like the other files; an earlier attempt's workbook is kept.</summary>
    private async Task WriteWorkbookOnceAsync(string csvName, string xlsxName, CancellationToken cancellationToken)
    {
        // No existence check first: the upload is conditional, and a retry, the only one to find the workbook, is rare.
        var blob = container.GetBlobClient(xlsxName);
        var csv = await container.GetBlobClient(csvName).DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var content = csv.Value.Content;
        await using var workbook = await workbooks.FromCsvAsync(content, cancellationToken);
        try
        {
            await blob.UploadAsync(workbook, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = DocumentAddress.XlsxContentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = TransferBlockBytes, MaximumTransferSize = TransferBlockBytes },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Committed meanwhile by an earlier attempt; a final document is never replaced.
        }
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

    /// <summary>Writes a text document straight into the blob's upload as the writer goes (through a pipe), so a long usage
    /// detail is never held whole in memory. Beyond one transfer block the upload stages blocks and commits them at the end,
    /// only if no blob of that name exists, so a crash part-way leaves no partial document.</summary>
    private async Task StreamOnceAsync(string name, Func<TextWriter, CancellationToken, Task> write, BlobHttpHeaders headers, CancellationToken cancellationToken)
    {
        // No existence check first (a request per document on every close): the upload is conditional, so a retry that finds the
        // document writes it again for nothing and keeps the first.
        var blob = container.GetBlobClient(name);
        var pipe = new Pipe();
        var upload = UploadAsync(blob, pipe.Reader, headers, cancellationToken);
        try
        {
            // The pipe stays open past the writer so that a failed write completes it with the error, and the upload
            // fails rather than committing a partial document.
            await using (var writer = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await write(writer, cancellationToken);
            }
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e);
            await Task.WhenAny(upload);
            throw;
        }

        await pipe.Writer.CompleteAsync();
        try
        {
            await upload;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Committed meanwhile by an earlier attempt; a final document is never replaced.
        }
    }

    private static async Task UploadAsync(BlobClient blob, PipeReader content, BlobHttpHeaders headers, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content.AsStream(), new BlobUploadOptions
            {
                HttpHeaders = headers,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = TransferBlockBytes, MaximumTransferSize = TransferBlockBytes },
            }, cancellationToken);
        }
        finally
        {
            // Releases a writer still writing when the upload fails early, so it never waits on a full pipe.
            await content.CompleteAsync();
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
