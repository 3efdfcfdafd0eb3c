using Azure.Data.Tables;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Credit note numbers (<c>CN-000001</c>, ...) from their own counter in <c>InvoiceNumbers</c>, next to the invoice
/// sequence of the same legal entity (partition <c>{sequence}-credit-notes</c>), with the same once-only transaction.</summary>
public sealed class TableCreditNoteNumbers(TableServiceClient tables, InvoiceNumberingOptions invoiceNumbering) : ICreditNoteNumbers
{
    private readonly TableInvoiceNumbers counter = new(tables, new InvoiceNumberingOptions(invoiceNumbering.Sequence + "-credit-notes", InvoiceNumberFormat.CreditNotePrefix, invoiceNumbering.Digits));

    public Task<string> AssignAsync(string creditNoteId, CancellationToken cancellationToken) => counter.AssignAsync(creditNoteId, cancellationToken);
}
