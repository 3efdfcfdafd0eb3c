using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>What one final invoice contributes to the tax reports: its revenue by Form 499-A category and its taxes, summed.</summary>
/// <remarks>
/// Written once per invoice when it is finalized (idempotent by <see cref="InvoiceId"/>), so the reports read one
/// small row per invoice instead of every invoice document. Reports date an invoice by its <see cref="IssueDate"/>.
/// Charges of an invoice that was not taxed (an account without a service address) have no 499-A split; their
/// sum is kept in <see cref="UnclassifiedRevenue"/> so the worksheet can show what it could not place.
/// </remarks>
public sealed record TaxLedgerEntry(
    string InvoiceId,
    string Number,
    string AccountId,
    LocalDate IssueDate,
    string Currency,
    IReadOnlyList<LedgerRevenue> Revenue,
    IReadOnlyList<LedgerTax> Taxes,
    decimal UnclassifiedRevenue)
{
    /// <summary>Sums a final invoice's stamped charges and tax lines; throws when the invoice is not final.</summary>
    public static TaxLedgerEntry From(Invoice invoice)
    {
        if (invoice is not { IsFinal: true, IssueDate: { } issued })
        {
            throw new InvalidOperationException($"Invoice {invoice.Id} is not final; only final invoices enter the tax ledger.");
        }

        var revenue = invoice.Lines.Where(l => l.Revenue is not null)
            .GroupBy(l => (l.Revenue!.Category, l.Revenue.Form499, l.Revenue.ResellerFiler499Id, l.Revenue.CertificateValidThrough, l.Revenue.Method))
            .Select(g => new LedgerRevenue(
                g.Key.Category, g.Key.Form499, g.Key.ResellerFiler499Id, g.Key.CertificateValidThrough,
                g.Sum(l => l.Amount.Amount), g.Sum(l => l.Revenue!.Interstate), g.Sum(l => l.Revenue!.International), g.Sum(l => l.Revenue!.Intrastate),
                g.Key.Method))
            .OrderBy(r => r.Category).ThenBy(r => r.Form499).ThenBy(r => r.ResellerFiler499Id, StringComparer.Ordinal);
        var taxes = invoice.Lines.Where(l => l.Tax is not null)
            .GroupBy(l => (l.Tax!.RuleKey, l.Tax.Jurisdiction, l.Tax.JurisdictionName, l.Tax.Level, l.Tax.Kind))
            .Select(g => new LedgerTax(g.Key.RuleKey, g.Key.Jurisdiction, g.Key.JurisdictionName, g.Key.Level, g.Key.Kind,
                g.Sum(l => l.Amount.Amount), g.Sum(l => l.Tax!.Unrounded)))
            .OrderBy(t => t.RuleKey, StringComparer.Ordinal).ThenBy(t => t.Jurisdiction, StringComparer.Ordinal);
        var unclassified = invoice.Lines.Where(l => l.Category != LineCategory.Taxes && l.Tax is null && l.Revenue is null).Sum(l => l.Amount.Amount);
        return new TaxLedgerEntry(invoice.Id, invoice.Number!, invoice.AccountId, issued, invoice.Currency, [.. revenue], [.. taxes], unclassified);
    }
}

/// <summary>An invoice's revenue of one product category and 499-A category (and, for resale, one certificate).</summary>
/// <param name="Method">How the interstate share was allocated (safe harbor, traffic study, actual).</param>
public sealed record LedgerRevenue(
    ProductCategory Category,
    Form499Category Form499,
    string? ResellerFiler499Id,
    LocalDate? CertificateValidThrough,
    decimal Total,
    decimal Interstate,
    decimal International,
    decimal Intrastate,
    AllocationMethod? Method = null);

/// <summary>An invoice's billed amount of one tax rule in one jurisdiction.</summary>
public sealed record LedgerTax(string RuleKey, string Jurisdiction, string JurisdictionName, JurisdictionLevel Level, TaxKind Kind, decimal Amount, decimal Unrounded);

/// <summary>The per-invoice rows the tax reports read.</summary>
public interface ITaxLedger
{
    /// <summary>Stores the entry, replacing an earlier one of the same invoice (a retried finalize writes the same row).</summary>
    Task RecordAsync(TaxLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries of invoices issued in <paramref name="year"/>.</summary>
    Task<IReadOnlyList<TaxLedgerEntry>> ListAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Records each final invoice in the tax ledger right after its documents are stored, so every close feeds the reports without a step of its own.</summary>
/// <remarks>A finalize retried after a crash stores nothing new and writes the same ledger row again.</remarks>
public sealed class TaxLedgerInvoiceStore(IInvoiceStore inner, ITaxLedger ledger) : IInvoiceStore
{
    public Task SaveDraftAsync(Invoice draft, CancellationToken cancellationToken) => inner.SaveDraftAsync(draft, cancellationToken);

    public Task<Invoice?> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        inner.FindAsync(accountId, invoiceId, cancellationToken);

    public async Task<InvoiceDocuments> SaveFinalAsync(Invoice invoice, ReadOnlyMemory<byte> pdf, string usageCsv, CancellationToken cancellationToken)
    {
        var documents = await inner.SaveFinalAsync(invoice, pdf, usageCsv, cancellationToken);
        await ledger.RecordAsync(TaxLedgerEntry.From(invoice), cancellationToken);
        return documents;
    }
}
