namespace ServerlessBilling.Upstream;

/// <summary>What one batch of the ledger scan after a statement added: the billed calls the statement does not list, and where the next
/// batch starts (null after the last).</summary>
/// <param name="Rows">Ledger rows read (the vendor's calls of the month in the batch's account periods).</param>
/// <param name="Periods">Account periods read.</param>
public sealed record LedgerScanPage(StatementTotals Totals, string? Next, long Rows = 0, int Periods = 0);
