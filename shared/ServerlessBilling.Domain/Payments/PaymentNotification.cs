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
