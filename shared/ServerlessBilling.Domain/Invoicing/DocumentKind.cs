namespace ServerlessBilling.Invoicing;

/// <summary>One of the files a final invoice or an issued credit note is kept as.</summary>
/// <remarks>A credit note has no usage CSV or XLSX: it credits lines, not calls.</remarks>
public enum DocumentKind
{
    /// <summary>The rendered PDF the customer receives.</summary>
    Pdf,

    /// <summary>The document as data, exactly as stored.</summary>
    Json,

    /// <summary>The invoice's calls, one row each.</summary>
    UsageCsv,

    /// <summary>The invoice's calls as a spreadsheet for people, made from the usage CSV when the invoice is issued (or, for an
    /// invoice issued before workbooks were stored, when it is downloaded).</summary>
    UsageXlsx,
}
