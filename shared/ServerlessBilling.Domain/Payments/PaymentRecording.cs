using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Payments;

/// <summary>Records what happens to an invoice's money outside a charge attempt: gateway notifications, offline payments, a new payment method.</summary>
/// <remarks>The receivable is the truth; each change then wakes (or restarts) the invoice's collection through the host's
/// <see cref="ICollectionOrchestrations"/>, by the rules of <see cref="CollectionWakeUps"/>, so it acts on the change.</remarks>
public sealed class PaymentRecording(
    IReceivables receivables,
    IAccountDirectory accounts,
    IPaymentGateways gateways,
    IPendingAdjustments adjustments,
    IOutbox outbox,
    IClock clock,
    InvoiceCollection collection) : IPaymentNotifications
{
    /// <summary>Applies the notification (<see cref="ApplyAsync"/>).</summary>
    public Task<Outcome<Receivable?>> DeliverAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken) =>
        ApplyAsync(notification, collections, cancellationToken);

    /// <summary>Applies a verified gateway notification once (by its event id) and wakes the invoice's collection, or restarts
    /// it after a reversal that reopened the invoice; null when the payment is not one of ours.</summary>
    /// <returns>The updated receivable, or null; invalid (naming <c>currency</c>) for a payment in another currency than the
    /// invoice's, which is held unapplied: nothing is recorded and no collection is woken.</returns>
    public async Task<Outcome<Receivable?>> ApplyAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        var invoiceId = notification.InvoiceId ?? await receivables.FindInvoiceOfPaymentAsync(notification.PaymentId, cancellationToken);
        if (invoiceId is null || await receivables.FindAsync(invoiceId, cancellationToken) is not { } known)
        {
            return Outcome<Receivable?>.Success(null);
        }

        if (notification.Amount.Currency != known.Currency)
        {
            return Problem.Invalid($"Payment '{notification.PaymentId}' was not applied to invoice {known.Number}",
                new RecordProblem("currency", $"the payment is in {notification.Amount.Currency}; invoice {known.Number} is billed in {known.Currency}"));
        }

        var chargeId = Receivable.ChargeEntryId(notification.PaymentId);
        var receivable = await receivables.UpdateAsync(invoiceId, r => InvoiceCollection.Settle(notification.Kind switch
        {
            PaymentNotificationKind.Succeeded => r.With(ChargeEntry(r, notification, PaymentEntryStatus.Succeeded)),
            PaymentNotificationKind.Failed => r.With(ChargeEntry(r, notification, PaymentEntryStatus.Failed)),
            _ => Reverse(r, notification),
        }), cancellationToken);

        var data = CollectionEventData.Of(receivable) with
        {
            Amount = notification.Amount,
            PaymentId = notification.PaymentId,
            Detail = notification.DeclineCode ?? notification.Reason,
        };
        // Announced under the charge's key, the one its attempt announced under, so an outcome both report is published once.
        switch (notification.Kind)
        {
            case PaymentNotificationKind.Succeeded:
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.PaymentSucceeded, $"{invoiceId}:{chargeId}", notification.OccurredAt, receivable, data), cancellationToken);
                break;
            case PaymentNotificationKind.Failed:
                if (receivable.Entries.Any(e => e.Id == chargeId && e.Returned))
                {
                    await ChargeReturnedPaymentFeeAsync(receivable, notification, cancellationToken);
                }

                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.PaymentFailed, $"{invoiceId}:{chargeId}", notification.OccurredAt, receivable, data), cancellationToken);
                break;
            default:
                await ChargeReturnedPaymentFeeAsync(receivable, notification, cancellationToken);
                await outbox.AddAsync(PaymentEvents.For(PaymentEvents.PaymentReversed, notification.EventId, notification.OccurredAt, receivable, data), cancellationToken);
                break;
        }

        await collection.PublishIfPaidAsync(receivable, notification.OccurredAt, cancellationToken);
        await collections.WakeAsync(receivable, notification.Kind == PaymentNotificationKind.Reversed ? notification.EventId : null, cancellationToken);
        return receivable;
    }

    /// <summary>Sets the method saved on the gateway's hosted page (<see cref="SetPaymentMethodAsync"/>, at that gateway); null for an
    /// account that is not ours, which the webhook acknowledges so the gateway stops redelivering it.</summary>
    /// <remarks>Gateways deliver in any order and retry for days, so a choice is ordered by when the gateway made it, not when it
    /// arrives: one made before the method on file was chosen (<see cref="PaymentProfile.MethodChosenAt"/>) is acknowledged and not
    /// applied, and the account is returned unchanged. Equal times apply in arrival order.</remarks>
    public async Task<Outcome<Account?>> DeliverMethodAsync(ChosenPaymentMethod method, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (await accounts.FindAsync(method.AccountId, cancellationToken) is not { } account)
        {
            return Outcome<Account?>.Success(null);
        }

        var chosenAt = method.ChosenAt ?? clock.GetCurrentInstant();
        if (IsSupersededAt(account, chosenAt))
        {
            return Outcome<Account?>.Success(account);
        }

        var set = await SetAsync(account, method.PaymentMethodId, method.Gateway, chosenAt, yieldsToLater: true, collections, cancellationToken);
        return set.TryGetValue(out var updated) ? Outcome<Account?>.Success(updated) : set.Problem!;
    }

    /// <summary>Records a payment received outside the gateway (cheque, wire) under the caller's key; an overpayment becomes credit on the next invoice.</summary>
    /// <returns>The updated receivable; not found when the account has no such invoice to collect; invalid for a key or method
    /// missing, a currency other than the invoice's, or an amount that is not positive in whole minor units.</returns>
    public async Task<Outcome<Receivable>> RecordOfflineAsync(
        string accountId, string invoiceId, OfflinePaymentRequest request, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        var refused = $"No payment recorded on '{invoiceId}'";
        if (string.IsNullOrWhiteSpace(request.Key) || string.IsNullOrWhiteSpace(request.Method))
        {
            return Problem.Invalid(refused, new RecordProblem("key", "key and method are required"));
        }

        var receivable = await receivables.FindAsync(invoiceId, cancellationToken);
        if (receivable is null || receivable.AccountId != accountId)
        {
            return Problem.NotFound($"Invoice '{invoiceId}' of account '{accountId}'");
        }

        var priced = request.In(receivable.Currency, refused);
        if (!priced.TryGetValue(out var payment))
        {
            return priced.Problem!;
        }

        var now = clock.GetCurrentInstant();
        var entryId = $"offline:{payment.Key}";
        var excessId = $"credited:{payment.Key}";
        receivable = await receivables.UpdateAsync(invoiceId, r =>
        {
            if (r.Has(entryId))
            {
                return r;
            }

            var paid = r.With(new PaymentEntry(entryId, PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, payment.Amount, now, payment.Reference, Detail: payment.Method));
            return InvoiceCollection.Settle(paid.BalanceDue.Amount < 0m
                ? paid.With(new PaymentEntry(excessId, PaymentEntryKind.CreditedForward, PaymentEntryStatus.Succeeded, -paid.BalanceDue, now, Detail: "carried to the next invoice"))
                : paid);
        }, cancellationToken);

        if (receivable.Entries.FirstOrDefault(e => e.Id == excessId) is { } excess)
        {
            await adjustments.AddAsync(new PendingAdjustment(InvoiceAdjustments.OverpaymentId(invoiceId, payment.Key), accountId, AdjustmentKind.CreditBalance,
                $"Overpayment of invoice {receivable.Number}", -excess.Amount, now, invoiceId), cancellationToken);
        }

        await outbox.AddAsync(PaymentEvents.For(PaymentEvents.PaymentRecorded, $"{invoiceId}:{payment.Key}", now, receivable,
            CollectionEventData.Of(receivable) with { Amount = payment.Amount, Detail = payment.Method, PaymentId = payment.Reference }), cancellationToken);
        await collection.PublishIfPaidAsync(receivable, now, cancellationToken);
        await collections.WakeAsync(receivable, reversalEventId: null, cancellationToken);
        return receivable;
    }

    /// <summary>Makes <paramref name="paymentMethodId"/> the account's default at the gateway (creating its customer there on first use); returns the updated account.</summary>
    /// <param name="gatewayName">The gateway that tokenized the method; null keeps the account's gateway, or the default for an account without one.
    /// Naming another gateway than the account's moves the account there (a new customer at that gateway).</param>
    /// <returns>The updated account; not found for an unknown account; invalid when no gateway of that name is configured.</returns>
    public async Task<Outcome<Account>> SetPaymentMethodAsync(
        string accountId, string paymentMethodId, string? gatewayName, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        return await accounts.FindAsync(accountId, cancellationToken) is { } account
            ? await SetAsync(account, paymentMethodId, gatewayName, clock.GetCurrentInstant(), yieldsToLater: false, collections, cancellationToken)
            : Problem.NotFound($"Account '{accountId}'");
    }

    /// <param name="yieldsToLater">A hosted page's choice, which a method chosen later keeps out; a call through the API always applies.</param>
    private async Task<Outcome<Account>> SetAsync(Account account, string paymentMethodId, string? gatewayName, Instant chosenAt, bool yieldsToLater,
        ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        var accountId = account.Id;
        var name = (gatewayName ?? account.Payment?.Gateway ?? gateways.DefaultName).ToLowerInvariant();
        var found = gateways.TryFor(name);
        if (!found.TryGetValue(out var gateway))
        {
            return found.Problem!.WithTitle($"No payment method set on '{accountId}'");
        }

        var customerId = account.Payment is { } profile && string.Equals(profile.Gateway, name, StringComparison.OrdinalIgnoreCase)
            ? profile.CustomerId
            : await gateway.EnsureCustomerAsync(account.Id, account.Name, cancellationToken);
        var method = await gateway.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);
        // Only the payment profile changes, on the account as stored now: a profile write or a suspension meanwhile is kept, and so is
        // a method chosen later than this one that was set meanwhile.
        var payment = new PaymentProfile(name, customerId, method, chosenAt);
        var superseded = false;
        var updated = await accounts.UpdateAsync(accountId, a =>
            {
                superseded = yieldsToLater && IsSupersededAt(a, chosenAt);
                return superseded ? a : a with { Payment = payment };
            }, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{accountId}' vanished while its payment method was set.");
        if (superseded)
        {
            return updated;
        }

        await outbox.AddAsync(DomainEvent.Create(PaymentEvents.PaymentMethodUpdated, $"{accountId}:{paymentMethodId}", clock.GetCurrentInstant(), accountId,
            new { accountId, paymentMethodId, kind = method.Kind, label = method.Label }), cancellationToken);
        await collections.WakeOpenAsync(receivables, accountId, cancellationToken);
        return updated;
    }

    /// <summary>Whether the account's method on file was chosen after <paramref name="chosenAt"/>.</summary>
    private static bool IsSupersededAt(Account account, Instant chosenAt) => account.Payment?.MethodChosenAt is { } current && current > chosenAt;

    private static PaymentEntry ChargeEntry(Receivable receivable, PaymentNotification notification, PaymentEntryStatus status)
    {
        var id = Receivable.ChargeEntryId(notification.PaymentId);
        var known = receivable.Entries.FirstOrDefault(e => e.Id == id);
        return new PaymentEntry(id, PaymentEntryKind.Charge, status, known?.Amount ?? notification.Amount, notification.OccurredAt,
            notification.PaymentId, known?.Attempt, notification.DeclineCode ?? notification.Reason,
            Returned: status == PaymentEntryStatus.Failed && known?.Status == PaymentEntryStatus.Processing);
    }

    /// <summary>A reversal reopens a paid invoice, so its collection runs again.</summary>
    private static Receivable Reverse(Receivable receivable, PaymentNotification notification)
    {
        var reversed = receivable.With(new PaymentEntry($"reversal:{notification.EventId}", PaymentEntryKind.Reversal, PaymentEntryStatus.Succeeded,
            notification.Amount, notification.OccurredAt, notification.PaymentId, Detail: notification.Reason));
        return reversed.Status == ReceivableStatus.Paid && reversed.BalanceDue.Amount > 0m ? reversed with { Status = ReceivableStatus.Open } : reversed;
    }

    private async Task ChargeReturnedPaymentFeeAsync(Receivable receivable, PaymentNotification notification, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(receivable.AccountId, cancellationToken);
        var fee = account is null ? 0m : collection.PolicyOf(account).ReturnedPaymentFee;
        if (fee > 0m)
        {
            await adjustments.AddAsync(new PendingAdjustment($"returned-payment-fee:{notification.EventId}", receivable.AccountId, AdjustmentKind.ReturnedPaymentFee,
                $"Returned payment on invoice {receivable.Number}", new Money(fee, receivable.Currency), notification.OccurredAt, receivable.InvoiceId), cancellationToken);
        }
    }
}
