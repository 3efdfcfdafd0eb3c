using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Payments;

/// <summary>The collection orchestration's reads and charges, each idempotent by its business key.</summary>
public sealed class InvoiceCollection(
    IReceivables receivables,
    IInvoiceStore invoices,
    IAccountDirectory accounts,
    IPaymentGateways gateways,
    IOutbox outbox,
    IClock clock,
    DunningPolicy defaultPolicy)
{
    /// <summary>The decline code of a gateway answer in another currency than the invoice's.</summary>
    public const string CurrencyMismatch = "currency_mismatch";

    /// <summary>Opens the invoice's receivable (once) and makes <paramref name="request"/>'s orchestration its collector.</summary>
    public async Task<CollectionState> OpenAsync(CollectionRequest request, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(request.AccountId, cancellationToken);
        var invoice = await invoices.FindAsync(request.AccountId, request.InvoiceId, cancellationToken);
        return await OpenAsync(request, account, invoice, cancellationToken);
    }

    /// <summary>Opens the receivable of an invoice the caller has just read with its account (the close that issued it), so neither is read again.</summary>
    public async Task<CollectionState> OpenAsync(CollectionRequest request, Account account, Invoice? invoice, CancellationToken cancellationToken) =>
        (await OpenReceivableAsync(request, account, invoice, cancellationToken)).State;

    /// <summary>As <see cref="OpenAsync(CollectionRequest, Account, Invoice?, CancellationToken)"/>, with the receivable as stored.</summary>
    internal async Task<(Receivable Receivable, CollectionState State)> OpenReceivableAsync(
        CollectionRequest request, Account account, Invoice? invoice, CancellationToken cancellationToken)
    {
        if (invoice is not { IsFinal: true })
        {
            throw new InvalidOperationException($"Invoice '{request.InvoiceId}' of account '{request.AccountId}' is not final, so there is nothing to collect.");
        }

        var policy = PolicyOf(account);
        var dueAt = invoice.DueDate!.Value.AtStartOfDayInZone(account.Billing.Zone).ToInstant() + policy.OverdueAfter;
        var opened = new Receivable(invoice.Id, account.Id, invoice.Number!, invoice.Currency, invoice.Total, dueAt, [])
        {
            Status = invoice.Total.Amount <= 0m ? ReceivableStatus.Paid : ReceivableStatus.Open,
            LateFeeOn = invoice.LateFeeOn,
            PeriodStart = invoice.Period.Start,
            CollectionId = request.CollectionId,
        };

        // Opened with its collector: only a receivable opened before (by another collection, or before collectors were set at
        // opening) is read and changed again.
        var receivable = await receivables.OpenAsync(opened, cancellationToken);
        if (receivable.CollectionId != request.CollectionId)
        {
            receivable = await receivables.UpdateAsync(invoice.Id, r => r with { CollectionId = request.CollectionId }, cancellationToken);
        }

        return (receivable, StateOf(receivable, account, policy));
    }

    public async Task<CollectionState> ReadAsync(CollectionRequest request, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(request.AccountId, cancellationToken);
        var receivable = await receivables.GetAsync(request.InvoiceId, cancellationToken);
        return StateOf(receivable, account, PolicyOf(account));
    }

    /// <summary>Charges what is still owed under attempt number <paramref name="attempt"/>; a retried step reuses the attempt's idempotency key, so the gateway charges once.</summary>
    public async Task<ChargeOutcome> ChargeAsync(CollectionRequest request, int attempt, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(request.AccountId, cancellationToken);
        var policy = PolicyOf(account);
        var receivable = await receivables.GetAsync(request.InvoiceId, cancellationToken);
        if (receivable.IsSettled || receivable.Chargeable.Amount <= 0m)
        {
            return new ChargeOutcome(ChargeAttemptStatus.NothingDue, StateOf(receivable, account, policy));
        }

        if (!CanCharge(account))
        {
            return new ChargeOutcome(ChargeAttemptStatus.NotChargeable, StateOf(receivable, account, policy));
        }

        var method = account.Payment!.DefaultMethod!;
        var charge = new ChargeRequest(receivable.InvoiceId, account.Id, account.Payment.CustomerId, method.PaymentMethodId,
            receivable.Chargeable, attempt, request.CollectionId);
        var result = InCurrencyCharged(await gateways.For(account.Payment.Gateway).ChargeAsync(charge, cancellationToken), charge);
        if (result.PaymentId is { } paymentId)
        {
            await receivables.LinkPaymentAsync(paymentId, receivable.InvoiceId, cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        var entry = new PaymentEntry(
            result.PaymentId is { } id ? Receivable.ChargeEntryId(id) : $"attempt:{attempt}",
            PaymentEntryKind.Charge, EntryStatusOf(result.Status), charge.Amount, now, result.PaymentId, attempt,
            result.DeclineCode ?? result.Message);
        receivable = await receivables.UpdateAsync(receivable.InvoiceId, r => Settle(r.With(entry)), cancellationToken);

        var status = StatusOf(result);
        await outbox.AddAsync(ChargeEvent(status, receivable, attempt, now, result), cancellationToken);
        await PublishIfPaidAsync(receivable, now, cancellationToken);
        return new ChargeOutcome(status, StateOf(receivable, account, policy), result.DeclineCode);
    }

    /// <summary>Marks a receivable with nothing left to pay or settle as paid; the caller announces it.</summary>
    internal static Receivable Settle(Receivable receivable) =>
        receivable.Status == ReceivableStatus.Open && receivable.BalanceDue.Amount <= 0m && receivable.Pending.Amount == 0m
            ? receivable with { Status = ReceivableStatus.Paid }
            : receivable;

    /// <summary>Announces <c>invoice.paid</c> once per time the invoice becomes paid (again, after a reversal).</summary>
    internal async Task PublishIfPaidAsync(Receivable receivable, Instant at, CancellationToken cancellationToken)
    {
        if (receivable.Status == ReceivableStatus.Paid && receivable.Total.Amount > 0m)
        {
            var reversals = receivable.Entries.Count(e => e.Kind == PaymentEntryKind.Reversal);
            await outbox.AddAsync(PaymentEvents.For(PaymentEvents.InvoicePaid, $"{receivable.InvoiceId}:{reversals}", at, receivable,
                CollectionEventData.Of(receivable) with { Amount = receivable.Paid }), cancellationToken);
        }
    }

    public DunningPolicy PolicyOf(Account account) => account.Dunning ?? defaultPolicy;

    private static bool CanCharge(Account account) =>
        account.Billing.Collection == CollectionMethod.ChargeAutomatically && account.Payment?.DefaultMethod is not null;

    /// <summary>The snapshot the orchestration decides from; an invoice that itself bills a late fee is collected without late fees.</summary>
    public static CollectionState StateOf(Receivable receivable, Account account, DunningPolicy policy) => new(
        receivable.InvoiceId,
        receivable.AccountId,
        receivable.Currency,
        receivable.BalanceDue,
        receivable.Pending,
        receivable.IsSettled,
        CanCharge(account),
        account.Payment?.DefaultMethod?.PaymentMethodId,
        receivable.LastAttempt + 1,
        receivable.DueAt,
        account.SuspendedAt is not null,
        receivable.LateFeeOn is null ? policy : policy with { LateFee = null },
        account.Billing.Collection == CollectionMethod.ChargeAutomatically,
        receivable.Fees.Count);

    private async Task<Account> AccountAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken)
        ?? throw new InvalidOperationException($"Account '{accountId}' does not exist.");

    /// <summary>An answer in another currency than the charge cannot count against the invoice: it is refused before the
    /// receivable is touched, as a decline not to retry, so the collection asks for another way to pay and a person can look.</summary>
    private static ChargeResult InCurrencyCharged(ChargeResult result, ChargeRequest charge) =>
        result.Amount.Currency == charge.Amount.Currency
            ? result
            : result with
            {
                Status = ChargeStatus.Declined,
                Amount = charge.Amount,
                DeclineCode = CurrencyMismatch,
                Decline = DeclineKind.DoNotRetry,
                Message = $"The gateway answered in {result.Amount.Currency} for a charge of {charge.Amount}.",
            };

    private static PaymentEntryStatus EntryStatusOf(ChargeStatus status) => status switch
    {
        ChargeStatus.Succeeded => PaymentEntryStatus.Succeeded,
        ChargeStatus.Processing => PaymentEntryStatus.Processing,
        ChargeStatus.RequiresAction => PaymentEntryStatus.RequiresAction,
        _ => PaymentEntryStatus.Declined,
    };

    private static ChargeAttemptStatus StatusOf(ChargeResult result) => result.Status switch
    {
        ChargeStatus.Succeeded => ChargeAttemptStatus.Succeeded,
        ChargeStatus.Processing => ChargeAttemptStatus.Processing,
        ChargeStatus.RequiresAction => ChargeAttemptStatus.RequiresAction,
        _ when result.Decline == DeclineKind.DoNotRetry => ChargeAttemptStatus.DeclinedDoNotRetry,
        _ => ChargeAttemptStatus.DeclinedRetryLater,
    };

    private static DomainEvent ChargeEvent(ChargeAttemptStatus status, Receivable receivable, int attempt, Instant at, ChargeResult result)
    {
        var type = status switch
        {
            ChargeAttemptStatus.Succeeded => PaymentEvents.PaymentSucceeded,
            ChargeAttemptStatus.Processing => PaymentEvents.PaymentProcessing,
            ChargeAttemptStatus.RequiresAction => PaymentEvents.PaymentActionRequired,
            _ => PaymentEvents.PaymentFailed,
        };
        var data = CollectionEventData.Of(receivable) with
        {
            Amount = result.Amount,
            Attempt = attempt,
            Detail = status == ChargeAttemptStatus.DeclinedDoNotRetry ? $"{result.DeclineCode}: do not retry" : result.DeclineCode ?? result.Message,
            PaymentId = result.PaymentId,
            ActionUrl = result.ActionUrl,
        };
        // Keyed by the gateway's payment when there is one, as its webhook's event is, so the outcome is announced once.
        var key = result.PaymentId is { } paymentId ? Receivable.ChargeEntryId(paymentId) : $"a{attempt}";
        return PaymentEvents.For(type, $"{receivable.InvoiceId}:{key}", at, receivable, data);
    }
}
