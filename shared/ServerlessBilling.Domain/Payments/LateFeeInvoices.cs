using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Payments;

/// <summary>Bills a late fee on a small final invoice of its own (<see cref="LateFeePlacement.OwnInvoice"/>): one untaxed
/// line, a number from the invoice sequence, JSON, PDF and an empty usage detail stored like any invoice, and <c>invoice.finalized</c>.</summary>
/// <remarks>
/// Everything is derived from the fee as the paid-late invoice's receivable recorded it (id, amount, moment), so a step
/// retried after a crash part-way builds the same invoice: the number is assigned once per invoice id, the documents are
/// written once and the event is keyed by the invoice id. The invoice keeps the paid-late invoice's period, which it follows up.
/// </remarks>
/// <param name="links">Signs the links <c>invoice.finalized</c> carries; none when null.</param>
public sealed class LateFeeInvoices(IInvoiceStore invoices, IInvoiceNumbers numbers, IInvoiceRenderer renderer, IOutbox outbox, DocumentAccess? links = null)
{
    private readonly InvoiceIssuing issuing = new(invoices, renderer, outbox, links);

    /// <summary>Deterministic id of the invoice billing the <paramref name="ordinal"/>-th late fee of <paramref name="invoiceId"/>.</summary>
    public static string IdFor(string invoiceId, int ordinal) => $"{invoiceId}-late-fee-{ordinal}";

    /// <summary>The unnumbered invoice for <paramref name="fee"/>: one line in the Adjustments section, which is outside the tax base.</summary>
    public static Invoice Draft(Invoice paidLate, AssessedFee fee) =>
        new Invoice(fee.Id, paidLate.AccountId, paidLate.AccountName, paidLate.Period, paidLate.Currency,
            [new InvoiceLine(LineCategory.Adjustments, $"Late fee on invoice {paidLate.Number}", 1, "fee", null, fee.Amount)],
            ServiceAddress: paidLate.ServiceAddress)
        {
            LateFeeOn = paidLate.Id,
            BillTo = paidLate.BillTo,
        };

    /// <summary>Issues the fee's invoice, or finishes issuing it: dated the day the fee was assessed, due by the account's net terms.</summary>
    public async Task<Invoice> IssueAsync(Account account, Receivable paidLate, AssessedFee fee, CancellationToken cancellationToken)
    {
        var original = await invoices.FindAsync(account.Id, paidLate.InvoiceId, cancellationToken)
            ?? throw new InvalidOperationException($"Invoice '{paidLate.InvoiceId}' of account '{account.Id}' does not exist.");
        var number = await numbers.AssignAsync(fee.Id, cancellationToken);
        var invoice = Draft(original, fee).Finalize(number, fee.At.InZone(account.Billing.Zone).Date, account.Billing.NetTermsDays);
        await issuing.IssueAsync(invoice, UsageDetail.None, fee.At, cancellationToken);
        return invoice;
    }

    /// <summary>The collection of the invoice step <paramref name="step"/> issued for its late fee; null when it issued none (nothing was owed, or the cap was reached).</summary>
    public async Task<CollectionRequest?> CollectionOfAsync(DunningStep step, CancellationToken cancellationToken)
    {
        var id = IdFor(step.InvoiceId, step.Ordinal);
        return await invoices.FindAsync(step.AccountId, id, cancellationToken) is { IsFinal: true }
            ? new CollectionRequest(step.AccountId, id)
            : null;
    }
}
