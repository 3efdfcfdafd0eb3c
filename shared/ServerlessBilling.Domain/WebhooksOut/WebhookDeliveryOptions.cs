using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>How webhooks go out: retry schedule, when a failing endpoint is disabled, how long an old secret still signs.</summary>
/// <param name="DisableAfter">An endpoint whose deliveries have failed for this long without a success is disabled.</param>
/// <param name="RotationGrace">How long the previous secret keeps signing after a rotation.</param>
/// <param name="AllowPrivateTargets">Whether URLs may name private, loopback or link-local addresses (development and tests only).</param>
public sealed record WebhookDeliveryOptions(WebhookRetrySchedule Schedule, Duration DisableAfter, Duration RotationGrace, bool AllowPrivateTargets)
{
    public static WebhookDeliveryOptions Default { get; } = new(WebhookRetrySchedule.Default, Duration.FromDays(5), Duration.FromHours(24), false);
}
