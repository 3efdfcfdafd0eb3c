namespace ServerlessBilling.Payments;

/// <summary>What became of a verified, well-formed delivery; the body of the 200 answer.</summary>
public sealed record PaymentWebhookReceipt(PaymentWebhookStatus Status, string EventId, string Type);
