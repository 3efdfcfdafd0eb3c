namespace ServerlessBilling.Invoicing;

/// <summary>What a closed period's re-rating settled: the difference and the adjustment or credit note that carries it (neither when nothing was left).</summary>
public sealed record ClosedPeriodSettlement(decimal Settled, string? AdjustmentId, string? CreditNoteNumber);
