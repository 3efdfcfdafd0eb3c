using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>Reads a closed invoice's documents back from Blob storage: the JSON as the invoice, the PDF as text.</summary>
internal sealed class ClosedInvoiceDocuments(BlobServiceClient blobs)
{
    public async Task<Invoice> ReadInvoiceAsync(string document) =>
        JsonSerializer.Deserialize<Invoice>(await DownloadAsync(document), BillingJson.Options)!;

    /// <summary>The PDF's text row by row (words sharing a baseline, left to right), top to bottom, page after page.</summary>
    public async Task<IReadOnlyList<string>> ReadPdfRowsAsync(string document)
    {
        using var pdf = PdfDocument.Open(await DownloadAsync(document));
        return pdf.GetPages()
            .SelectMany(page => page.GetWords()
                .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
                .OrderByDescending(row => row.Key)
                .Select(row => string.Join(' ', row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))
            .ToList();
    }

    /// <summary>Every blob the account has in the invoices container.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string accountId)
    {
        var names = new List<string>();
        var container = blobs.GetBlobContainerClient(StorageNames.InvoicesContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, accountId + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The PDF shows every line of the invoice JSON on one row (description first, rounded amount last) and its total.</summary>
    public async Task ShouldMatchPdfAsync(Invoice invoice, string pdfDocument)
    {
        var rows = await ReadPdfRowsAsync(pdfDocument);
        rows.ShouldContain($"Invoice {invoice.Number}");
        // The PDF shows fees a table gives one invoice label as one row.
        foreach (var line in TaxLineDisplay.Combine(invoice.Lines))
        {
            rows.ShouldContain(
                row => row.StartsWith(line.Description + " ", StringComparison.Ordinal) && row.EndsWith(" " + Money(line.Amount.Amount), StringComparison.Ordinal),
                $"no PDF row shows '{line.Description}' with {Money(line.Amount.Amount)}");
        }

        rows.ShouldContain($"Total due {invoice.Currency} {Money(invoice.Total.Amount)}");
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private async Task<byte[]> DownloadAsync(string document)
    {
        var parts = document.Split('/', 2);
        var blob = await blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).DownloadContentAsync();
        return blob.Value.Content.ToArray();
    }
}
