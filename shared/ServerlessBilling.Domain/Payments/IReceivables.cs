using ServerlessBilling.Paging;

namespace ServerlessBilling.Payments;

/// <summary>Receivables by invoice id; changes are read-modify-write with optimistic concurrency, because a webhook and a collection step may touch one invoice at once.</summary>
public interface IReceivables
{
    Task<Receivable?> FindAsync(string invoiceId, CancellationToken cancellationToken);

    /// <summary>Creates the receivable unless it exists; returns the stored one either way.</summary>
    Task<Receivable> OpenAsync(Receivable receivable, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored receivable, re-reading and re-applying it when another writer got there first.</summary>
    /// <exception cref="InvalidOperationException">The change moves the receivable to another invoice, account or period (<see cref="ReceivableMoves"/>).</exception>
    Task<Receivable> UpdateAsync(string invoiceId, Func<Receivable, Receivable> change, CancellationToken cancellationToken);

    /// <summary>Open receivables, of one account or of all accounts, in invoice id order.</summary>
    Task<IReadOnlyList<Receivable>> ListOpenAsync(string? accountId, CancellationToken cancellationToken);

    /// <summary>One page of the final invoices' receivables <paramref name="filter"/> admits, in invoice id order (an account's
    /// invoices in period order), of one account, one period across accounts, or every account (by status or not).</summary>
    /// <remarks>An account's, a period's and a status's lists read an index written with each receivable, a row per status, so
    /// no crash leaves an invoice out of its status's list; the list of every account and status reads the receivables a page at a time.</remarks>
    Task<ListPage<Receivable>> ListPageAsync(InvoiceListFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of the payment events <paramref name="filter"/> admits, of one account or across accounts, in the
    /// order of <see cref="InvoicePayment.OrderKey"/> (by time).</summary>
    /// <remarks>Read from an index written with each receivable, so no page reads more than its own payments' receivables.</remarks>
    Task<ListPage<InvoicePayment>> ListPaymentsAsync(PaymentListFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Remembers which invoice a gateway payment belongs to, for notifications that do not carry it (disputes).</summary>
    Task LinkPaymentAsync(string paymentId, string invoiceId, CancellationToken cancellationToken);

    Task<string?> FindInvoiceOfPaymentAsync(string paymentId, CancellationToken cancellationToken);
}
