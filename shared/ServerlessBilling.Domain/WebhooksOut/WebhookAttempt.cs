namespace ServerlessBilling.WebhooksOut;

/// <summary>The queue message that asks for one attempt of one delivery.</summary>
/// <param name="Attempt">The attempt it asks for (1 = the first); a message for an attempt already made is a repeat and is dropped.</param>
public sealed record WebhookAttempt(string EndpointId, string DeliveryId, int Attempt);
