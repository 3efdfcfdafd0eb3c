namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Size limits shared by the webhook routes.</summary>
public static class WebhookLimits
{
    public const int DefaultMaxBodyBytes = 64 * 1024;
}
