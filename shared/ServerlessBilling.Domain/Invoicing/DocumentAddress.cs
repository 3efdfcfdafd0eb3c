namespace ServerlessBilling.Invoicing;

/// <summary>Which file of which document: an invoice's (<paramref name="CreditNote"/> false) or a credit note's, by its id.</summary>
public sealed record DocumentAddress(string AccountId, string DocumentId, bool CreditNote, DocumentKind Kind)
{
    /// <summary>The media type of an XLSX workbook.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The kinds an invoice is kept as (its XLSX is made from the usage CSV when it is issued).</summary>
    public static IReadOnlyList<DocumentKind> InvoiceKinds { get; } = [DocumentKind.Pdf, DocumentKind.Json, DocumentKind.UsageCsv, DocumentKind.UsageXlsx];

    /// <summary>The kinds a credit note is kept as.</summary>
    public static IReadOnlyList<DocumentKind> CreditNoteKinds { get; } = [DocumentKind.Pdf, DocumentKind.Json];

    /// <summary>The kind a route names (<c>pdf</c>, <c>json</c>, <c>csv</c> or <c>xlsx</c>), or null.</summary>
    public static DocumentKind? ParseKind(string? text) => text?.ToLowerInvariant() switch
    {
        "pdf" => DocumentKind.Pdf,
        "json" => DocumentKind.Json,
        "csv" => DocumentKind.UsageCsv,
        "xlsx" => DocumentKind.UsageXlsx,
        _ => null,
    };

    /// <summary>The kind's name in routes and in the links' JSON.</summary>
    public static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "pdf",
        DocumentKind.Json => "json",
        DocumentKind.UsageCsv => "csv",
        DocumentKind.UsageXlsx => "xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind"),
    };

    /// <summary>The keyed route that downloads the file: <c>/api/accounts/{accountId}/invoices/{invoiceId}/documents/pdf</c>.</summary>
    public string Route => $"{DocumentRoute(AccountId, DocumentId, CreditNote)}/documents/{KindName(Kind)}";

    /// <summary>The keyed route that answers fresh signed links to every file of the document.</summary>
    /// <summary>The keyed route that answers a fresh signed link to the file: <c>.../documents/pdf/link</c>.</summary>
    public string LinkRoute => Route + "/link";

    public static string LinksRoute(string accountId, string documentId, bool creditNote) => $"{DocumentRoute(accountId, documentId, creditNote)}/links";

    private static string DocumentRoute(string accountId, string documentId, bool creditNote) =>
        $"/api/accounts/{Uri.EscapeDataString(accountId)}/{(creditNote ? "credit-notes" : "invoices")}/{Uri.EscapeDataString(documentId)}";

    /// <summary>Whether this kind of file exists for this kind of document.</summary>
    public bool Exists => (CreditNote ? CreditNoteKinds : InvoiceKinds).Contains(Kind);

    /// <summary>The name a download is saved under, e.g. <c>inv-2026-11.pdf</c> or <c>inv-2026-11.usage.csv</c>.</summary>
    public string FileName => $"{DocumentId}.{Extension}";

    /// <summary>The extension of the stored file (<c>pdf</c>, <c>json</c>, <c>usage.csv</c>, <c>usage.xlsx</c>).</summary>
    public string Extension => Kind switch
    {
        DocumentKind.Pdf => "pdf",
        DocumentKind.Json => "json",
        DocumentKind.UsageCsv => "usage.csv",
        DocumentKind.UsageXlsx => "usage.xlsx",
        _ => throw new InvalidOperationException($"Not a document kind: {Kind}"),
    };

    /// <summary>The media type the file is served as.</summary>
    public string ContentType => Kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Json => "application/json",
        DocumentKind.UsageCsv => "text/csv; charset=utf-8",
        DocumentKind.UsageXlsx => XlsxContentType,
        _ => throw new InvalidOperationException($"Not a document kind: {Kind}"),
    };

    /// <summary>How a problem names it: <c>The PDF of invoice 'x' of account 'y'</c>.</summary>
    public string Describe() =>
        $"The {Kind switch { DocumentKind.Pdf => "PDF", DocumentKind.Json => "JSON", DocumentKind.UsageXlsx => "usage XLSX", _ => "usage CSV" }} of {(CreditNote ? "credit note" : "invoice")} '{DocumentId}' of account '{AccountId}'";
}
