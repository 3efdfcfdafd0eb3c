namespace ServerlessBilling.Invoicing;

/// <summary>Where an invoice's documents are kept (blob names).</summary>
/// <param name="UsageXlsx">The usage CSV as a workbook for people, made from the CSV when the invoice is issued.</param>
public sealed record InvoiceDocuments(string Json, string Pdf, string UsageCsv, string UsageXlsx);
