using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.UsageEvents;

/// <summary>Settings for the generic usage events route, section <c>UsageEvents</c> (formerly <c>Events</c>, still read for one release).</summary>
/// <param name="SigningSecret">The secret resellers' platforms sign with. Empty rejects every delivery.</param>
[WebhookSettings("UsageEvents", FormerSection = "Events")]
public sealed record UsageEventsOptions(string SigningSecret);
