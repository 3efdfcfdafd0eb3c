namespace ServerlessBilling.Invoicing;

/// <summary>Makes the spreadsheet a person reads from an invoice's stored usage CSV (<see cref="UsageDetailCsv"/>): every call,
/// a totals row equal to the invoice's usage lines, and summaries per component and per number.</summary>
public interface IUsageWorkbooks
{
    /// <summary>The XLSX of <paramref name="usageCsv"/>, open for reading from its start; it is deleted once disposed.</summary>
    Task<Stream> FromCsvAsync(Stream usageCsv, CancellationToken cancellationToken);
}
