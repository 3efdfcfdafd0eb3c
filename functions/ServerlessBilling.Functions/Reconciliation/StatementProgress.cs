using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>How far a statement's reconciliation has read: its run, the next page's cursor, the statement's currency and the totals so far.</summary>
public sealed record StatementProgress(StatementRun Run, StatementCursor Cursor, string? Currency, StatementTotals Totals)
{
    public static StatementProgress Start(StatementRun run) => new(run, StatementCursor.Start, null, StatementTotals.Empty);
}
