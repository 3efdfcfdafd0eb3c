using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.Payments;

/// <summary>The domain events of collecting an invoice; the reseller's own systems send the emails and switch service off and on.</summary>
public static class PaymentEvents
{
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentProcessing = "payment.processing";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentActionRequired = "payment.action_required";
    public const string PaymentMethodRequired = "payment_method.required";
    public const string PaymentMethodUpdated = "payment_method.updated";
    public const string PaymentRecorded = "payment.recorded";
    public const string PaymentReversed = "payment.reversed";
    public const string RetryScheduled = "dunning.retry_scheduled";
    public const string Reminder = "dunning.reminder";
    public const string InvoiceOverdue = "invoice.overdue";
    public const string InvoicePaid = "invoice.paid";
    public const string InvoiceWrittenOff = "invoice.written_off";
    public const string LateFeeAssessed = "late_fee.assessed";
    public const string AccountSuspended = "account.suspended";
    public const string AccountReinstated = "account.reinstated";

    /// <param name="businessKey">What makes this occurrence unique (e.g. the invoice and attempt), so producing it twice publishes it once.</param>
    public static DomainEvent For(string type, string businessKey, Instant at, Receivable receivable, CollectionEventData data) =>
        DomainEvent.Create(type, businessKey, at, receivable.AccountId, data);
}

/// <summary>The payload every collection event carries: the invoice, what is still owed, and what happened.</summary>
/// <param name="Amount">The amount the event is about (a payment, a fee), when there is one.</param>
/// <param name="At">A moment the event announces (the next retry), when there is one.</param>
public sealed record CollectionEventData(
    string InvoiceId,
    string Number,
    string AccountId,
    string Currency,
    decimal BalanceDue,
    decimal? Amount = null,
    int? Attempt = null,
    Instant? At = null,
    string? Detail = null,
    string? PaymentId = null,
    string? ActionUrl = null)
{
    public static CollectionEventData Of(Receivable receivable) =>
        new(receivable.InvoiceId, receivable.Number, receivable.AccountId, receivable.Currency, receivable.BalanceDue);
}
