using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Credit notes in <c>invoices</c>, next to the account's invoices: <c>{account}/credit-notes/{creditNoteId}.json</c> and <c>.pdf</c>, written once.</summary>
/// <remarks>A note's id starts with its invoice's id, so an invoice's notes are one prefix listing.</remarks>
public sealed class BlobCreditNoteStore(BlobServiceClient blobs) : ICreditNoteStore
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);

    public async Task<CreditNote?> FindAsync(string accountId, string creditNoteId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(Name(accountId, creditNoteId, "json")).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<CreditNote>(BillingJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<CreditNote>> ListAsync(string accountId, string invoiceId, CancellationToken cancellationToken)
    {
        var notes = new List<CreditNote>();
        var prefix = $"{accountId}/credit-notes/{invoiceId}-cn-";
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal)
                && await FindAsync(accountId, blob.Name[(accountId.Length + "/credit-notes/".Length)..^".json".Length], cancellationToken) is { } note)
            {
                notes.Add(note);
            }
        }

        return [.. notes.OrderBy(n => n.Number, StringComparer.Ordinal)];
    }

    public async Task<CreditNoteDocuments> SaveAsync(CreditNote creditNote, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken)
    {
        var json = Name(creditNote.AccountId, creditNote.Id, "json");
        var pdfName = Name(creditNote.AccountId, creditNote.Id, "pdf");
        await WriteOnceAsync(pdfName, BinaryData.FromBytes(pdf), "application/pdf", cancellationToken);
        // The JSON goes last: its presence is what marks the note issued.
        await WriteOnceAsync(json, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(creditNote, BillingJson.Options)), "application/json", cancellationToken);
        return new CreditNoteDocuments($"{StorageNames.InvoicesContainer}/{json}", $"{StorageNames.InvoicesContainer}/{pdfName}");
    }

    private async Task WriteOnceAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(name).UploadAsync(
                content,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written by an earlier attempt; an issued note is never replaced.
        }
    }

    private static string Name(string accountId, string creditNoteId, string extension) => $"{accountId}/credit-notes/{creditNoteId}.{extension}";
}
