using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Storage;

/// <summary>Credit notes in <c>invoices</c>, next to the account's invoices: <c>{account}/credit-notes/{creditNoteId}.json</c> and <c>.pdf</c>, written once.</summary>
/// <remarks>
/// A note's id starts with its invoice's id, so an invoice's notes are one prefix listing. What the notes of an
/// invoice credit is also kept in one blob per invoice, <c>{account}/credit-notes/{invoiceId}.credits.json</c>
/// (note id → lines), replaced only under its ETag: the check against what is left and the reservation are one step.
/// </remarks>
public sealed class BlobCreditNoteStore(BlobServiceClient blobs) : ICreditNoteStore
{
    private const string CreditsSuffix = ".credits.json";
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

    /// <remarks>Pages through the blob listing of <c>{account}/credit-notes/</c> with its continuation markers, asking for no more
    /// blobs than notes still wanted (each blob is at most one note), so a page always ends on a blob the next marker resumes after.</remarks>
    public async Task<ListPage<CreditNote>> ListPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        var prefix = $"{accountId}/credit-notes/";
        var notes = new List<CreditNote>(page.Limit);
        var marker = page.ContinuationToken;
        do
        {
            var resumeFrom = marker;
            marker = null;
            var wanted = page.Limit - notes.Count;
            await foreach (var blobs in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages(resumeFrom, wanted))
            {
                foreach (var blob in blobs.Values)
                {
                    if (blob.Name.EndsWith(".json", StringComparison.Ordinal) && !blob.Name.EndsWith(CreditsSuffix, StringComparison.Ordinal)
                        && await FindAsync(accountId, blob.Name[prefix.Length..^".json".Length], cancellationToken) is { } note)
                    {
                        notes.Add(note);
                    }
                }

                marker = string.IsNullOrEmpty(blobs.ContinuationToken) ? null : blobs.ContinuationToken;
                break;
            }
        }
        while (notes.Count < page.Limit && marker is not null);

        return new ListPage<CreditNote>(notes, marker);
    }

    public async Task<CreditPlan> ReserveAsync(
        string accountId, string invoiceId, string creditNoteId, Func<IReadOnlyList<CreditNoteLine>, CreditPlan> plan, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient($"{accountId}/credit-notes/{invoiceId}{CreditsSuffix}");
        while (true)
        {
            var (credits, etag) = await ReadCreditsAsync(blob, cancellationToken);
            if (credits.TryGetValue(creditNoteId, out var reserved))
            {
                return new CreditPlan(reserved, []);
            }

            var planned = plan([.. credits.Values.SelectMany(lines => lines)]);
            if (planned.Problems.Count > 0)
            {
                return planned;
            }

            credits[creditNoteId] = planned.Lines;
            try
            {
                await blob.UploadAsync(
                    BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(credits, BillingJson.Options)),
                    new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                        Conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                    },
                    cancellationToken);
                return planned;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another note of the invoice was reserved meanwhile: check again against it.
            }
        }
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

    private static async Task<(Dictionary<string, IReadOnlyList<CreditNoteLine>> Credits, ETag? ETag)> ReadCreditsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<Dictionary<string, IReadOnlyList<CreditNoteLine>>>(BillingJson.Options)!, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (new Dictionary<string, IReadOnlyList<CreditNoteLine>>(StringComparer.Ordinal), null);
        }
    }

    private static string Name(string accountId, string creditNoteId, string extension) => $"{accountId}/credit-notes/{creditNoteId}.{extension}";
}
