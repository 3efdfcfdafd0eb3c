namespace ServerlessBilling.Invoicing;

/// <summary>A final invoice and the usage detail stored beside it, as <see cref="InvoiceIssuing"/> issues them.</summary>
/// <param name="WriteUsageDetail">Writes the calls it bills, as <see cref="UsageDetailCsv"/> writes them.</param>
public sealed record InvoiceToIssue(Invoice Invoice, Func<TextWriter, CancellationToken, Task> WriteUsageDetail);
