using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>One line of an endpoint's delivery log: an attempt and how it went, or a notice (the endpoint was disabled).</summary>
/// <param name="At">When the attempt was made or the notice written.</param>
/// <param name="DeliveryId">The delivery attempted; null for a notice about the endpoint itself.</param>
/// <param name="Attempt">1 for a delivery's first attempt; 0 for a notice.</param>
/// <param name="Outcome"><c>succeeded</c>, <c>failed</c> or <c>notice</c>.</param>
/// <param name="ResponseCode">The endpoint's HTTP status; null when none came.</param>
/// <param name="LatencyMs">From sending to the end of the response headers (or to the failure).</param>
/// <param name="Detail">Why it failed, or the notice's text.</param>
/// <param name="NextAttemptAt">When the delivery is tried again; null when it is not.</param>
/// <param name="Manual">True for an attempt an operator asked for (redelivery).</param>
public sealed record WebhookLogEntry(
    string EndpointId,
    Instant At,
    string? DeliveryId,
    string? EventId,
    string? EventType,
    int Attempt,
    string Outcome,
    int? ResponseCode,
    long? LatencyMs,
    string? Detail,
    Instant? NextAttemptAt,
    bool Manual = false)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Notice = "notice";
}
