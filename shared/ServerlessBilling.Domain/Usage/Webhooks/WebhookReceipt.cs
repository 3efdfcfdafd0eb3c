namespace ServerlessBilling.Usage.Webhooks;

/// <summary>What became of a verified, well-formed delivery; the body of the 200 answer.</summary>
/// <param name="ArchivedAs">The name the raw payload was archived under.</param>
public sealed record WebhookReceipt(WebhookStatus Status, string ArchivedAs);
