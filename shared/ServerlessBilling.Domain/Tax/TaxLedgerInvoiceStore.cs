using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>Records each final invoice in the tax ledger right after its documents are stored, so every close feeds the reports without a step of its own.</summary>
/// <remarks>A finalize retried after a crash stores nothing new and writes the same ledger row again.</remarks>
public sealed class TaxLedgerInvoiceStore(IInvoiceStore inner, ITaxLedger ledger) : IInvoiceStore
{
    public Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken) => inner.SaveDraftAsync(draft, cancellationToken);

    public Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        inner.FindAsync(accountId, invoiceId, cancellationToken);

    public Task<Invoice?> FindFinalAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        inner.FindFinalAsync(accountId, invoiceId, cancellationToken);

    public async Task<InvoiceDocuments> SaveFinalAsync(Invoice invoice, ReadOnlyMemory<byte> pdf, Func<TextWriter, CancellationToken, Task> writeUsageCsv, CancellationToken cancellationToken)
    {
        var documents = await inner.SaveFinalAsync(invoice, pdf, writeUsageCsv, cancellationToken);
        await ledger.RecordAsync(TaxLedgerEntry.From(invoice), cancellationToken);
        return documents;
    }
}
