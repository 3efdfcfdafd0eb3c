using ServerlessBilling.Hosting;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>Webhooks</c>, shared by every vendor's webhook: <see cref="ToleranceSeconds"/>, how far a signed timestamp may be
/// from now before a delivery is refused as a replay (default 300); maps to <see cref="WebhookTolerance"/>.</summary>
public sealed class WebhooksSettings : ISettingsSection
{
    public static string Section => "Webhooks";

    public long? ToleranceSeconds { get; set; }

    public IEnumerable<string> Problems() =>
        ToleranceSeconds is < 0 ? ["Webhooks:ToleranceSeconds: must not be negative."] : [];

    public WebhookTolerance ToTolerance() =>
        ToleranceSeconds is { } seconds ? new WebhookTolerance(NodaTime.Duration.FromSeconds(seconds)) : WebhookTolerance.Default;
}
