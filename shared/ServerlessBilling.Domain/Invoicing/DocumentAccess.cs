using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>Downloads and signed links for the files of final invoices and issued credit notes.</summary>
/// <remarks>Only files that are stored are served or signed: a draft invoice has none, and a missing file is named in the problem.</remarks>
public sealed class DocumentAccess(IDocumentFiles files, IDocumentLinks links, IUsageWorkbooks workbooks, IClock clock, DocumentLinkOptions options)
{
    /// <summary>The file open for streaming, or a not-found problem naming what is missing.</summary>
    public async Task<Outcome<DocumentFile>> OpenAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        if (!address.Exists)
        {
            return Problem.NotFound(address.Describe());
        }

        if (address.Kind == DocumentKind.UsageXlsx)
        {
            return await OpenWorkbookAsync(address, cancellationToken);
        }

        return await files.OpenAsync(address, cancellationToken) is { } file ? file : Problem.NotFound(address.Describe());
    }

    /// <summary>The stored XLSX; for an invoice issued before workbooks were stored, one made from its usage CSV, so it lists
    /// what the CSV lists; not found while the CSV is not stored.</summary>
    private async Task<Outcome<DocumentFile>> OpenWorkbookAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        if (await files.OpenAsync(address, cancellationToken) is { } stored)
        {
            return stored;
        }

        if (await files.OpenAsync(address with { Kind = DocumentKind.UsageCsv }, cancellationToken) is not { } csv)
        {
            return Problem.NotFound(address.Describe());
        }

        await using (csv)
        {
            var workbook = await workbooks.FromCsvAsync(csv.Content, cancellationToken);
            return new DocumentFile(workbook, workbook.Length, address.ContentType, address.FileName);
        }
    }

    /// <summary>The route (<c>/api/...</c>) as events carry it: absolute under the configured public base URL, if any.</summary>
    public string Addressed(string route) => options.Addressed(route);

    /// <summary>A link to the one file, valid for the configured lifetime, or a not-found problem naming it when it is not
    /// stored (a draft invoice, a credit note's CSV, the XLSX of an invoice issued before workbooks were stored).</summary>
    public async Task<Outcome<DocumentLink>> LinkAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        if (!address.Exists || !await files.ExistsAsync(address, cancellationToken))
        {
            return Problem.NotFound(address.Describe());
        }

        var expiresAt = clock.GetCurrentInstant() + options.Lifetime;
        return new DocumentLink(DocumentAddress.KindName(address.Kind), await links.SignAsync(address, expiresAt, cancellationToken), expiresAt);
    }

    /// <summary>A link to each file of the document, valid for the configured lifetime, or a not-found problem when it is not final.</summary>
    public async Task<Outcome<IReadOnlyList<DocumentLink>>> LinksAsync(string accountId, string documentId, bool creditNote, CancellationToken cancellationToken)
    {
        // The JSON is written last, so its presence means every file is there.
        var json = new DocumentAddress(accountId, documentId, creditNote, DocumentKind.Json);
        if (!await files.ExistsAsync(json, cancellationToken))
        {
            return Problem.NotFound(creditNote ? $"Issued credit note '{documentId}' of account '{accountId}'" : $"Final invoice '{documentId}' of account '{accountId}'");
        }

        return Outcome<IReadOnlyList<DocumentLink>>.Success(await SignAllAsync(accountId, documentId, creditNote, cancellationToken));
    }

    /// <summary>A link to each file of a document known to be stored, valid for the configured lifetime.</summary>
    /// <param name="workbookStored">The caller has just stored the usage workbook (the issuing step), so it is not looked up; false:
    /// signed only if it is stored (an invoice issued before workbooks were stored has none).</param>
    public async Task<IReadOnlyList<DocumentLink>> SignAllAsync(
        string accountId, string documentId, bool creditNote, CancellationToken cancellationToken, bool workbookStored = false)
    {
        var expiresAt = clock.GetCurrentInstant() + options.Lifetime;
        var signed = new List<DocumentLink>();
        foreach (var kind in creditNote ? DocumentAddress.CreditNoteKinds : DocumentAddress.InvoiceKinds)
        {
            // An invoice issued before workbooks were stored has none to sign; its XLSX is still made on download.
            if (kind == DocumentKind.UsageXlsx && !workbookStored && !await files.ExistsAsync(new DocumentAddress(accountId, documentId, creditNote, kind), cancellationToken))
            {
                continue;
            }

            var url = await links.SignAsync(new DocumentAddress(accountId, documentId, creditNote, kind), expiresAt, cancellationToken);
            signed.Add(new DocumentLink(DocumentAddress.KindName(kind), url, expiresAt));
        }

        return signed;
    }
}
