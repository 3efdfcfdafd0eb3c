using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>The close's part of the adjustments: the draft lists what waits, finalize marks it billed on that invoice.</summary>
/// <remarks>
/// Finalize marks exactly the adjustments the draft listed, so one added after the draft waits for the next invoice;
/// marking and the carry-forward are idempotent by id, so a crash-retried finalize changes nothing.
/// </remarks>
public sealed class AdjustmentBilling(IPendingAdjustments adjustments)
{
    public async Task<Invoice> AddToDraftAsync(Invoice draft, CancellationToken cancellationToken) =>
        InvoiceAdjustments.AddTo(draft, await adjustments.ListForInvoiceAsync(draft.AccountId, draft.Id, cancellationToken));

    public async Task SettleAsync(Invoice invoice, Instant at, CancellationToken cancellationToken)
    {
        var billed = InvoiceAdjustments.BilledIds(invoice);
        if (billed.Count > 0)
        {
            await adjustments.MarkBilledAsync(invoice.AccountId, billed, invoice.Id, cancellationToken);
        }

        if (InvoiceAdjustments.CarriedForward(invoice, at) is { } carried)
        {
            await adjustments.AddAsync(carried, cancellationToken);
        }
    }
}
