using ServerlessBilling.Paging;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Payments;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>Issues credit notes against final invoices: a number from their own sequence, its negative row in the tax ledger,
/// JSON, PDF and the <c>credit_note.issued</c> event (<see cref="CreditNoteDocumentIssuing"/>, the step invoices share), and
/// the credit on the invoice's receivable, which lowers its balance due; what exceeds that balance is a credit on the account's
/// next invoice (<see cref="ReceivableCredits"/>). A note that clears the balance marks the invoice paid, announces
/// <c>invoice.paid</c> and wakes its collection, as a payment recorded offline does.</summary>
/// <remarks>
/// Every step is idempotent by the note's id (from the invoice and the client's key): a repeated request, or one
/// retried after a crash part-way, finishes the same note with the same number and adds its event and credit once: the
/// receivable's entry and the carried-forward adjustment are keyed by the note's id, and the adjustment is written from what the
/// receivable recorded, so a retry after either write carries the same amount.
/// The credit is reserved against the invoice before the number is taken, so concurrent notes cannot over-credit it
/// and a refused request leaves no gap in the numbers.
/// </remarks>
public sealed class CreditNoteIssuing(
    IAccountDirectory accounts,
    IInvoiceStore invoices,
    ICreditNoteStore creditNotes,
    ICreditNoteNumbers numbers,
    ICreditNoteRenderer renderer,
    IOutbox outbox,
    IPendingAdjustments adjustments,
    ITaxLedger taxLedger,
    IClock clock,
    IReceivables? receivables = null,
    DocumentAccess? links = null,
    InvoiceCollection? collection = null)
{
    private readonly CreditNoteDocumentIssuing issuing = new(creditNotes, renderer, outbox, links);

    /// <param name="collections">Wakes the invoice's collection after its balance changed, so a note that clears it ends the
    /// collection now rather than at its next timer; null where the caller has no durable client (the change is then seen at the
    /// collection's next step).</param>
    /// <returns>The note issued (or found again for a repeated key); not found without the account or the invoice;
    /// invalid for a draft invoice or a request that breaks a rule (each field named).</returns>
    public async Task<Outcome<IssuedCreditNote>> IssueAsync(
        string accountId, string invoiceId, CreditNoteRequest request, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken);
        var invoice = account is null ? null : await invoices.FindAsync(accountId, invoiceId, cancellationToken);
        if (account is null || invoice is null)
        {
            return Problem.NotFound($"Invoice '{invoiceId}' of account '{accountId}'");
        }

        var refused = $"No credit note for {invoiceId}";
        if (!invoice.IsFinal)
        {
            return Problem.Invalid(refused, new RecordProblem("invoiceId", $"invoice {invoiceId} is not final yet: a draft is corrected by its close, not credited"));
        }

        if (string.IsNullOrWhiteSpace(request.IdempotencyKey))
        {
            return Problem.Invalid(refused, request.Plan(invoice, []).Problems);
        }

        var id = CreditNote.IdFor(invoiceId, request.IdempotencyKey);
        var note = await creditNotes.FindAsync(accountId, id, cancellationToken);
        var created = note is null;
        if (note is null)
        {
            var (lines, problems) = await creditNotes.ReserveAsync(accountId, invoiceId, id, earlier => request.Plan(invoice, earlier), cancellationToken);
            if (problems.Count > 0)
            {
                return Problem.Invalid(refused, problems);
            }

            var number = await numbers.AssignAsync(id, cancellationToken);
            note = new CreditNote(id, number, accountId, invoice.AccountName, invoiceId, invoice.Number!, invoice.Currency, request.Reason!.Trim(),
                lines, clock.GetCurrentInstant().InZone(account.Billing.Zone).Date, request.IdempotencyKey!);
        }

        await taxLedger.RecordAsync(CreditNoteTaxLedger.Entry(note, invoice), cancellationToken);
        var issuedAt = clock.GetCurrentInstant();
        var documents = await issuing.IssueAsync(note, issuedAt, cancellationToken);
        // An invoice without a receivable (none opened for it) keeps the earlier rule: the whole note lands on the next invoice.
        var receivable = receivables is null ? null : await receivables.FindAsync(invoiceId, cancellationToken);
        var carried = note.Total;
        if (receivable is not null)
        {
            receivable = await receivables!.UpdateAsync(invoiceId, r => ReceivableCredits.Apply(r, note, issuedAt), cancellationToken);
            carried = ReceivableCredits.CarriedForward(receivable, note);
        }

        if (carried.Amount > 0m)
        {
            await adjustments.AddAsync(note.ToAdjustment(issuedAt, carried), cancellationToken);
        }

        // Both are idempotent (the event by the invoice and its reversals, the wake-up a no-op on a finished collection), so a
        // repeated request that finds the note again repeats them safely.
        if (receivable is not null && collection is not null)
        {
            await collection.PublishIfPaidAsync(receivable, issuedAt, cancellationToken);
        }

        if (receivable is not null && collections is not null)
        {
            await collections.WakeAsync(receivable, reversalEventId: null, cancellationToken);
        }

        return new IssuedCreditNote(note, documents, created);
    }

    public async Task<IReadOnlyList<CreditNote>?> ListAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        await invoices.FindAsync(accountId, invoiceId, cancellationToken) is { IsFinal: true }
            ? await creditNotes.ListAsync(accountId, invoiceId, cancellationToken)
            : null;

    /// <summary>One page of the account's credit notes, every invoice's (<see cref="ICreditNoteStore.ListPageAsync"/>).</summary>
    public Task<ListPage<CreditNote>> ListPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        creditNotes.ListPageAsync(accountId, page, cancellationToken);
}
