namespace ServerlessBilling.Invoicing;

/// <summary>A final invoice and the calls it bills, as <see cref="InvoiceIssuing"/> issues them: the PDF summarizes (and may
/// itemize) the calls, the usage CSV beside it lists them.</summary>
public sealed record InvoiceToIssue(Invoice Invoice, UsageDetail Usage)
{
    /// <summary>Writes the usage CSV (<see cref="UsageDetailCsv"/>) to the writer it is given.</summary>
    public Task WriteUsageDetailAsync(TextWriter writer, CancellationToken cancellationToken) =>
        UsageDetailCsv.WriteAsync(writer, Invoice, Usage, cancellationToken);
}
