using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>What a gateway told us after the fact (through its signed webhook), in gateway-neutral terms.</summary>
/// <param name="EventId">The gateway's event id; a redelivered event is applied once.</param>
/// <param name="PaymentId">The gateway's payment id the event is about (Stripe's PaymentIntent id).</param>
/// <param name="InvoiceId">Our invoice id from the payment's metadata, when the event carries it.</param>
/// <param name="CollectionId">The collecting orchestration from the payment's metadata, when the event carries it.</param>
public sealed record PaymentNotification(
    string EventId,
    PaymentNotificationKind Kind,
    string PaymentId,
    Money Amount,
    Instant OccurredAt,
    string? InvoiceId = null,
    string? CollectionId = null,
    string? DeclineCode = null,
    DeclineKind? Decline = null,
    string? Reason = null);

public enum PaymentNotificationKind
{
    /// <summary>The payment settled (card captured, ACH debit cleared).</summary>
    Succeeded,

    /// <summary>The payment failed after it was accepted (an ACH debit that did not clear before settling).</summary>
    Failed,

    /// <summary>Money taken back after success: refund, ACH return, dispute or chargeback.</summary>
    Reversed,
}

/// <summary>Where verified gateway notifications go: applied to the invoice they concern, whose collection is then woken
/// (<see cref="PaymentRecording"/>). Tests register their own to observe what a webhook delivered.</summary>
public interface IPaymentNotifications
{
    /// <param name="collections">The host's running collections, woken or restarted after the notification is applied.</param>
    Task DeliverAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken);
}
