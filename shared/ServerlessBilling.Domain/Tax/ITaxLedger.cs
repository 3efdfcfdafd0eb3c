namespace ServerlessBilling.Tax;

/// <summary>The per-invoice rows the tax reports read.</summary>
public interface ITaxLedger
{
    /// <summary>Stores the entry, replacing an earlier one of the same invoice or credit note (a retried finalize or issue writes the same row).</summary>
    Task RecordAsync(TaxLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries of invoices and credit notes issued in <paramref name="year"/>.</summary>
    Task<IReadOnlyList<TaxLedgerEntry>> ListAsync(int year, CancellationToken cancellationToken);
}
