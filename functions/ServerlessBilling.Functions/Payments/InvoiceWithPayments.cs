using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Functions.Payments;

/// <summary>An invoice and, once it is collected, what was paid on it.</summary>
/// <param name="Payments">Null for an invoice with nothing to collect yet.</param>
public sealed record InvoiceWithPayments(Invoice Invoice, PaymentHistory? Payments);
