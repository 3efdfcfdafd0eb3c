namespace ServerlessBilling.Payments;

public static class ReceivablesExtensions
{
    /// <summary>The invoice's receivable, which a collection step needs: its collection opened it first.</summary>
    public static async Task<Receivable> GetAsync(this IReceivables receivables, string invoiceId, CancellationToken cancellationToken) =>
        await receivables.FindAsync(invoiceId, cancellationToken)
        ?? throw new InvalidOperationException($"Invoice '{invoiceId}' has no receivable yet.");
}
