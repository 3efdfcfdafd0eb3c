using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Portal;

/// <summary>A final invoice as the invoices page lists it: its receivable, due date in the account's zone, and the credit notes issued against it.</summary>
public sealed record PortalInvoice(Receivable Receivable, LocalDate DueDate, IReadOnlyList<CreditNote> CreditNotes);
