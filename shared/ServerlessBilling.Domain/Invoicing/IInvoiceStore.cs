namespace ServerlessBilling.Invoicing;

/// <summary>Invoice documents: drafts while a period closes, then the final JSON and PDF, which are never replaced.</summary>
public interface IInvoiceStore
{
    Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken);

    /// <summary>The final invoice if there is one, else the draft, else null.</summary>
    Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>The final invoice if there is one, else null; a store that keeps the final apart from the draft reads only it.</summary>
    async Task<Invoice?> FindFinalAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        await FindAsync(accountId, invoiceId, cancellationToken) is { IsFinal: true } final ? final : null;

    /// <summary>Stores the final invoice, its PDF and its usage-detail CSV; a second call for the same invoice leaves the first in place.</summary>
    /// <param name="writeUsageCsv">Writes the usage-detail CSV to the writer it is given, which streams into storage as it goes.</param>
    Task<InvoiceDocuments> SaveFinalAsync(Invoice invoice, ReadOnlyMemory<byte> pdf, Func<TextWriter, CancellationToken, Task> writeUsageCsv, CancellationToken cancellationToken);
}
