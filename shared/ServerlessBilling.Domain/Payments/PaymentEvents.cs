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

    /// <summary>A migration import moved the account's method to another gateway without the customer entering it again.</summary>
    public const string PaymentMethodMigrated = "payment_method.migrated";
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
