using System.Text.Json;
using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>The JSON body of every webhook: the event's id, type and sequence number, when it happened, whom it concerns, and its data.</summary>
/// <param name="Id">The domain event's id (deterministic: a receiver can drop a repeat by it as well as by <c>webhook-id</c>).</param>
/// <param name="Sequence">Increases with each event the service sends out (not gapless: a number may be skipped), so a receiver
/// can order events that arrive out of order after retries.</param>
/// <param name="Timestamp">When the event occurred (not when this attempt was sent).</param>
/// <param name="Subject">The account it concerns (an endpoint id for the endpoint's own events).</param>
public sealed record WebhookPayload(string Id, string Type, long Sequence, Instant Timestamp, string Subject, JsonElement Data);
