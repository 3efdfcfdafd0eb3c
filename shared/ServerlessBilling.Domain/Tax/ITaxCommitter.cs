namespace ServerlessBilling.Tax;

/// <summary>A tax calculator that records invoices for its own compliance reports: a commercial tax service reports to the
/// jurisdictions only the transactions committed to it, so a numbered invoice is committed there under its number.</summary>
/// <remarks>The built-in engine keeps its own ledger and does not implement this. Committing must be idempotent: the close's
/// finalize step may run again after a crash, and the invoice must still be reported once.</remarks>
public interface ITaxCommitter
{
    /// <summary>Taxes <paramref name="request"/> again, committed under <paramref name="documentCode"/>, voiding any earlier commit under that code.</summary>
    /// <returns>The taxes the service committed, to compare with the invoice's.</returns>
    /// <exception cref="TaxCommitException">The service could not be reached or refused the commit; the step is retried.</exception>
    ValueTask<TaxResult> CommitAsync(TaxRequest request, string documentCode, CancellationToken cancellationToken);
}
