namespace ServerlessBilling.Payments;

/// <summary>One gateway event as read from a delivery.</summary>
/// <param name="Notification">What it tells us about a payment; null for an event type we do not act on.</param>
public sealed record PaymentWebhookEvent(string EventId, string EventType, PaymentNotification? Notification);
