using System.Collections.Concurrent;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The tax ledger in memory, keyed as the table is: year of issue, then credit note id or invoice id.</summary>
public sealed class InMemoryTaxLedger : ITaxLedger
{
    private readonly ConcurrentDictionary<(int Year, string Document), TaxLedgerEntry> rows = new();

    public Task RecordAsync(TaxLedgerEntry entry, CancellationToken cancellationToken)
    {
        rows[(entry.IssueDate.Year, entry.CreditNoteId ?? entry.InvoiceId)] = entry;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaxLedgerEntry>> ListAsync(int year, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TaxLedgerEntry>>([.. rows.Where(r => r.Key.Year == year).OrderBy(r => r.Key.Document, StringComparer.Ordinal).Select(r => r.Value)]);
}
