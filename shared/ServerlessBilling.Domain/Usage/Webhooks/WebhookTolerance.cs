using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>How far a signed timestamp may be from now, either way, before a delivery is refused as a replay.</summary>
public sealed record WebhookTolerance(Duration MaxSkew)
{
    public static readonly WebhookTolerance Default = new(Duration.FromMinutes(5));
}
