namespace ServerlessBilling.Upstream;

/// <summary>Reconciliations: each vendor month's latest summary and each run's findings.</summary>
public interface IReconciliations
{
    /// <summary>Stores the findings of one page; storing a finding again (a page retried) replaces it.</summary>
    Task AddFindingsAsync(StatementRun run, IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken);

    /// <summary>The run's findings, page by page from storage, in call id order.</summary>
    IAsyncEnumerable<ReconciliationFinding> ListFindingsAsync(StatementRun run, CancellationToken cancellationToken);

    /// <summary>Records that the run's statement lists these event ids; recording one again (a page retried) keeps it once.</summary>
    Task AddSeenAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);

    /// <returns>Those of <paramref name="eventIds"/> the run recorded with <see cref="AddSeenAsync"/>; another run's do not count.</returns>
    Task<IReadOnlySet<string>> SeenAmongAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken);

    /// <summary>Stores the vendor month's summary, replacing the one there (the latest import is the month's reconciliation).</summary>
    Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken);

    /// <returns>The vendor month's summary, or null when it was never reconciled.</returns>
    Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken);
}
