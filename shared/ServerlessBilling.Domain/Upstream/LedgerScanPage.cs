namespace ServerlessBilling.Upstream;

/// <summary>What one page of the ledger scan after a statement added: the billed calls the statement does not list, and where the next
/// page starts (null after the last).</summary>
public sealed record LedgerScanPage(StatementTotals Totals, string? Next);
