using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>One event on its way to one endpoint: the exact body signed on every attempt, and how the attempts went.</summary>
/// <param name="Id"><c>dlv_</c> and a digest of the endpoint and event ids, so fanning an event out twice finds the same delivery.</param>
/// <param name="MessageId">The <c>webhook-id</c> header: the same on every attempt and for every endpoint, so a receiver drops repeats.</param>
/// <param name="Body">The JSON sent (<see cref="WebhookPayload"/>), kept so every attempt signs the same bytes.</param>
public sealed record WebhookDelivery(
    string Id,
    string EndpointId,
    string EventId,
    string EventType,
    long Sequence,
    string MessageId,
    string Body,
    Instant CreatedAt)
{
    public WebhookDeliveryStatus Status { get; init; } = WebhookDeliveryStatus.Pending;

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    public Instant? LastAttemptAt { get; init; }

    /// <summary>The endpoint's HTTP status on the last attempt; null when none came (refused, unreachable, timed out).</summary>
    public int? LastResponseCode { get; init; }

    /// <summary>Why the last attempt failed, when it did.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next automatic attempt is due; null when none is scheduled.</summary>
    public Instant? NextAttemptAt { get; init; }
}
