using ServerlessBilling.Invoicing;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>An invoice as <c>GET api/accounts/{account}/invoices/{invoice}</c> returns it.</summary>
public sealed record InvoiceView(Invoice Invoice, PaymentHistoryView? Payments);
