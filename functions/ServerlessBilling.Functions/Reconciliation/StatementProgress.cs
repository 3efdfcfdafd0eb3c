using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>How far a statement's reconciliation has read: its run, the next page's cursor, the statement's currency and the totals so far;
/// once the statement is read, the ledger scan's next page.</summary>
/// <param name="ScanningLedger">The statement is read: the ledger is being scanned for billed calls it does not list.</param>
/// <param name="LedgerToken">The ledger scan's next page; null for its first.</param>
public sealed record StatementProgress(
    StatementRun Run, StatementCursor Cursor, string? Currency, StatementTotals Totals, bool ScanningLedger = false, string? LedgerToken = null)
{
    public static StatementProgress Start(StatementRun run) => new(run, StatementCursor.Start, null, StatementTotals.Empty);
}
