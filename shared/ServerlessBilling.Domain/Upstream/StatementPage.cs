namespace ServerlessBilling.Upstream;

/// <summary>What one page of a statement added: its totals, the statement's currency, and where the next page starts (null after the last).</summary>
public sealed record StatementPage(StatementTotals Totals, string? Currency, StatementCursor? Next);
