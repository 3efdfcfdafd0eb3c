namespace ServerlessBilling.Payments;

/// <summary>The rule every store of receivables applies to a change: it may move a receivable's status, never its invoice,
/// account or period, because the invoice lists are indexed under those and an index row cannot follow such a move.</summary>
public static class ReceivableMoves
{
    /// <summary>Throws when <paramref name="changed"/> names another invoice, account or period than <paramref name="current"/>.</summary>
    /// <exception cref="InvalidOperationException">The change moves the receivable: a bug in the caller, not an expected outcome.</exception>
    public static void EnsureNotMoved(Receivable current, Receivable changed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.InvoiceId != current.InvoiceId || changed.AccountId != current.AccountId || changed.PeriodStart != current.PeriodStart)
        {
            throw new InvalidOperationException(
                $"Receivable '{current.InvoiceId}' of account '{current.AccountId}' (period {current.PeriodStart:yyyy-MM-dd}) cannot move to "
                + $"'{changed.InvoiceId}' of account '{changed.AccountId}' (period {changed.PeriodStart:yyyy-MM-dd}): its invoice lists are indexed under them.");
        }
    }
}
