namespace ServerlessBilling.Upstream;

/// <summary>Reconciliations: each vendor month's latest summary and each run's findings.</summary>
public interface IReconciliations
{
    /// <summary>Stores the findings of one page; storing a finding again (a page retried) replaces it.</summary>
    Task AddFindingsAsync(StatementRun run, IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken);

    /// <summary>The run's findings, page by page from storage, in call id order.</summary>
    IAsyncEnumerable<ReconciliationFinding> ListFindingsAsync(StatementRun run, CancellationToken cancellationToken);

    /// <summary>Stores the vendor month's summary, replacing the one there (the latest import is the month's reconciliation).</summary>
    Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken);

    /// <returns>The vendor month's summary, or null when it was never reconciled.</returns>
    Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken);
}
