using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Payments;

/// <summary>The side effects of dunning the orchestration decides on: events, late fees, suspension, write-off. Each is keyed by invoice, kind and ordinal, so a retried step does it once.</summary>
public sealed class DunningSteps(
    IReceivables receivables,
    IAccountDirectory accounts,
    IPendingAdjustments adjustments,
    IOutbox outbox,
    IClock clock,
    InvoiceCollection collection,
    LateFeeInvoices lateFeeInvoices)
{
    public async Task<CollectionState> ApplyAsync(DunningStep step, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(step.AccountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{step.AccountId}' does not exist.");
        var receivable = await receivables.GetAsync(step.InvoiceId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var key = $"{step.CollectionId}:{step.Ordinal}";
        var data = CollectionEventData.Of(receivable) with
        {
            Attempt = step.Ordinal == 0 ? null : step.Ordinal,
            At = step.At,
        };

        switch (step.Kind)
        {
            case DunningStepKind.Overdue:
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.InvoiceOverdue, step.InvoiceId, now, receivable, data with { At = receivable.DueAt }), cancellationToken);
                break;
            case DunningStepKind.RetryScheduled:
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.RetryScheduled, key, now, receivable, data), cancellationToken);
                break;
            case DunningStepKind.Reminder:
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.Reminder, key, now, receivable, data), cancellationToken);
                break;
            case DunningStepKind.PaymentMethodRequired:
                await RequestPaymentMethodAsync(step, receivable, now, cancellationToken);
                break;
            case DunningStepKind.LateFee:
                receivable = await AssessLateFeeAsync(step, account, receivable, now, cancellationToken);
                break;
            case DunningStepKind.Suspend:
                // The invoice records that it holds the account suspended before the account is, so a retried step finishes both.
                receivable = await receivables.UpdateAsync(step.InvoiceId, r => r.SuspendedAccountAt is null ? r with { SuspendedAccountAt = now } : r, cancellationToken);
                account = await SetSuspendedAsync(account, now, cancellationToken);
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.AccountSuspended, step.CollectionId, now, receivable, data), cancellationToken);
                break;
            case DunningStepKind.Reinstate:
                receivable = await receivables.UpdateAsync(step.InvoiceId, r => r.SuspendedAccountAt is null ? r : r with { SuspendedAccountAt = null }, cancellationToken);
                if (!await HeldSuspendedByAnotherInvoiceAsync(step, cancellationToken))
                {
                    account = await SetSuspendedAsync(account, null, cancellationToken);
                    await outbox.AddAsync(PaymentEvents.For(PaymentEvents.AccountReinstated, step.CollectionId, now, receivable, data), cancellationToken);
                }

                break;
            case DunningStepKind.WriteOff:
                receivable = await receivables.UpdateAsync(step.InvoiceId, r => r.Status == ReceivableStatus.Open ? r with { Status = ReceivableStatus.WrittenOff } : r, cancellationToken);
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.InvoiceWrittenOff, step.InvoiceId, now, receivable, data with { Amount = receivable.BalanceDue }), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "Unknown dunning step.");
        }

        return InvoiceCollection.StateOf(receivable, account, collection.PolicyOf(account));
    }

    /// <summary>The fee goes on the account's next invoice as an adjustment, or on an invoice of its own; the issued invoice is never edited.</summary>
    /// <remarks>The receivable records each fee once, with its amount and moment; a retried step finishes from that record.</remarks>
    private async Task<Receivable> AssessLateFeeAsync(DunningStep step, Account account, Receivable receivable, Instant now, CancellationToken cancellationToken)
    {
        if (collection.PolicyOf(account).LateFee is not { } policy || receivable.LateFeeOn is not null)
        {
            return receivable;
        }

        var adjustmentId = $"late-fee:{receivable.InvoiceId}:{step.Ordinal}";
        var ownInvoiceId = LateFeeInvoices.IdFor(receivable.InvoiceId, step.Ordinal);
        // A fee already recorded keeps the placement it was assessed under, should the policy change before a retry.
        var feeId = receivable.Fees.FirstOrDefault(f => f.Id == adjustmentId || f.Id == ownInvoiceId)?.Id
            ?? (policy.Placement == LateFeePlacement.OwnInvoice ? ownInvoiceId : adjustmentId);
        var ownInvoice = feeId == ownInvoiceId;
        if (receivable.Fees.FirstOrDefault(f => f.Id == feeId) is null)
        {
            var fee = LateFees.Assess(policy, receivable.BalanceDue, receivable.Fees.Aggregate(Money.Zero(receivable.Currency), (sum, f) => sum + f.Amount));
            if (fee.Amount <= 0m)
            {
                return receivable;
            }

            if (!ownInvoice)
            {
                // The adjustment first: a crash before the receivable records the fee repeats the step, and the adjustment's id adds it once.
                await adjustments.AddAsync(new PendingAdjustment(feeId, account.Id, AdjustmentKind.LateFee,
                    $"Late fee on invoice {receivable.Number}", fee, now, receivable.InvoiceId), cancellationToken);
            }

            receivable = await receivables.UpdateAsync(receivable.InvoiceId,
                r => r.Fees.Any(f => f.Id == feeId) ? r : r with { Fees = [.. r.Fees, new AssessedFee(feeId, fee, now)] },
                cancellationToken);
        }

        var assessed = receivable.Fees.Single(f => f.Id == feeId);
        if (ownInvoice)
        {
            await lateFeeInvoices.IssueAsync(account, receivable, assessed, cancellationToken);
        }

        await outbox.AddAsync(PaymentEvents.For(PaymentEvents.LateFeeAssessed, $"{receivable.InvoiceId}:{step.Ordinal}", now, receivable,
            CollectionEventData.Of(receivable) with { Amount = assessed.Amount, Attempt = step.Ordinal, Detail = ownInvoice ? feeId : null }), cancellationToken);
        return receivable;
    }

    /// <summary>Opens the receivable of an invoice its close has just issued (from the account and invoice it holds) and, when the
    /// collection's first decision is to ask for a payment method, asks for it at once: the collection then begins with that step taken
    /// instead of running it as its first activity (a work item and an episode of the engine's, about ten storage requests).</summary>
    /// <remarks>The decision is <see cref="DunningProgress"/>'s, as the collection would take it now; only a request for a payment method
    /// is taken here, as it only adds an event keyed by the collection and the attempt it asks for, so a retried close, or the
    /// collection taking the same step after a close that crashed before starting it, adds it once. Charges stay the collection's.</remarks>
    public async Task<CollectionOpening> OpenAndBeginAsync(CollectionRequest request, Account account, Invoice invoice, CancellationToken cancellationToken)
    {
        var (receivable, state) = await collection.OpenReceivableAsync(request, account, invoice, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (request.AfterReversal
            || DunningProgress.Start(state, now, afterReversal: false).Next(state, now) is not DunningAction.Apply { Kind: DunningStepKind.PaymentMethodRequired } first)
        {
            return new CollectionOpening(state, null);
        }

        var step = new DunningStep(request.AccountId, request.InvoiceId, request.CollectionId, first.Kind, first.Ordinal, first.At);
        await RequestPaymentMethodAsync(step, receivable, now, cancellationToken);
        return new CollectionOpening(state, step);
    }

    private Task RequestPaymentMethodAsync(DunningStep step, Receivable receivable, Instant now, CancellationToken cancellationToken) =>
        outbox.AddAsync(PaymentEvents.For(PaymentEvents.PaymentMethodRequired, $"{step.CollectionId}:{step.Ordinal}", now, receivable,
            CollectionEventData.Of(receivable) with { Attempt = step.Ordinal == 0 ? null : step.Ordinal, At = step.At }), cancellationToken);

    /// <summary>Whether another open invoice of the account has run out of retries and suspended it (or would have): paying one
    /// invoice does not reinstate an account that still owes another past its suspension point; that invoice's payment does.</summary>
    private async Task<bool> HeldSuspendedByAnotherInvoiceAsync(DunningStep step, CancellationToken cancellationToken) =>
        (await receivables.ListOpenAsync(step.AccountId, cancellationToken))
            .Any(r => r.InvoiceId != step.InvoiceId && r.SuspendedAccountAt is not null);

    private async Task<Account> SetSuspendedAsync(Account account, Instant? suspendedAt, CancellationToken cancellationToken)
    {
        if (account.SuspendedAt == suspendedAt || (suspendedAt is not null && account.SuspendedAt is not null))
        {
            return account;
        }

        // Only the suspension changes, on the account as stored now: a profile write or a new payment method meanwhile is kept.
        return await accounts.UpdateAsync(account.Id, a => a with { SuspendedAt = suspendedAt }, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{account.Id}' vanished while collections changed its suspension.");
    }
}
