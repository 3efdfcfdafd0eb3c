namespace ServerlessBilling.Functions.Payments;

/// <summary>How a collection ended: paid (or credited), or written off with the balance left.</summary>
public sealed record CollectionResult(string InvoiceId, bool Paid, decimal BalanceDue);
