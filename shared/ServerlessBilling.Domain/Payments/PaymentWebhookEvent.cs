namespace ServerlessBilling.Payments;

/// <summary>One gateway event as read from a delivery.</summary>
/// <param name="Notification">What it tells us about a payment; null for an event type we do not act on.</param>
/// <param name="Method">A payment method the customer saved on the gateway's hosted page; null for any other event.</param>
public sealed record PaymentWebhookEvent(string EventId, string EventType, PaymentNotification? Notification, ChosenPaymentMethod? Method = null);
