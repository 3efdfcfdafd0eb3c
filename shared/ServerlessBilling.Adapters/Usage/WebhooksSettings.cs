using ServerlessBilling.Hosting;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>Webhooks</c>, shared by every vendor's webhook: <see cref="ToleranceSeconds"/>, how far a signed timestamp may be
/// from now before a delivery is refused as a replay (default 300), mapped to <see cref="WebhookTolerance"/>; and how deliveries are
/// grouped into rating messages and counter increments, mapped to <see cref="WebhookGrouping"/>.</summary>
public sealed class WebhooksSettings : ISettingsSection
{
    public static string Section => "Webhooks";

    public long? ToleranceSeconds { get; set; }

    /// <summary>The most deliveries one rating message and counter increment carry (default 100; 1 hands each delivery over alone).</summary>
    /// <remarks>Each delivery is acknowledged only after the queue put and the counter increment carrying it succeeded.</remarks>
    public int? MaxDeliveriesPerMessage { get; set; }

    /// <summary>Milliseconds a group that is not full waits for more deliveries before its message is put (default 10; 0 puts at once).</summary>
    /// <remarks>Trades that many milliseconds of each acknowledgement for fewer storage requests per event, as the raw archive's window does.</remarks>
    public int? GroupWindowMilliseconds { get; set; }

    /// <summary>Rating's claims and usage-row transactions in flight at most in this instance while a webhook delivery waits for its own
    /// writes (default 4, 1 to 16; see <see cref="WritePriority"/>).</summary>
    public int? RatingWritesWhileWaiting { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. ToleranceSeconds is < 0 ? ["Webhooks:ToleranceSeconds: must not be negative."] : Array.Empty<string>(),
        .. MaxDeliveriesPerMessage is < 1 or > 1000 ? ["Webhooks:MaxDeliveriesPerMessage: must be between 1 and 1000."] : Array.Empty<string>(),
        .. GroupWindowMilliseconds is < 0 or > 1000 ? ["Webhooks:GroupWindowMilliseconds: must be between 0 and 1000."] : Array.Empty<string>(),
        .. RatingWritesWhileWaiting is < 1 or > WritePriority.MaxWidth
            ? [$"Webhooks:RatingWritesWhileWaiting: must be between 1 and {WritePriority.MaxWidth}."] : Array.Empty<string>(),
    ];

    public WebhookGrouping ToGrouping() => WebhookGrouping.Default with
    {
        MaxDeliveries = MaxDeliveriesPerMessage ?? WebhookGrouping.Default.MaxDeliveries,
        Window = GroupWindowMilliseconds is { } window ? TimeSpan.FromMilliseconds(window) : WebhookGrouping.Default.Window,
    };

    public WebhookTolerance ToTolerance() =>
        ToleranceSeconds is { } seconds ? new WebhookTolerance(NodaTime.Duration.FromSeconds(seconds)) : WebhookTolerance.Default;
}
