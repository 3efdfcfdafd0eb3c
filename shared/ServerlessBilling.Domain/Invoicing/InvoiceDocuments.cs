namespace ServerlessBilling.Invoicing;

/// <summary>Where an invoice's documents are kept (blob names).</summary>
public sealed record InvoiceDocuments(string Json, string Pdf, string UsageCsv);
