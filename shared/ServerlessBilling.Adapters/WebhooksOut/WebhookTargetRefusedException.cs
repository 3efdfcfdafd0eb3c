namespace ServerlessBilling.WebhooksOut;

/// <summary>Thrown by the connect step when a host resolves to an address webhooks may not reach; the attempt fails with its message.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
