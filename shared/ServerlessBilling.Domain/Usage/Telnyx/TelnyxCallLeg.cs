using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Telnyx;

/// <summary>Reads the Telnyx Call Control events that make up a billed call leg, and joins them by <c>call_leg_id</c>.</summary>
/// <remarks>
/// No single Telnyx event has all a bill needs. <c>call.initiated</c> has the direction (only it does), the numbers
/// and the start; <c>call.cost</c> has the billed seconds (<c>billed_duration_secs</c>) and <c>total_cost</c> (a
/// decimal string). So those two are joined by call leg, in either order. <c>call.hangup</c> carries no duration,
/// direction or cost: it is archived and not billed. A leg whose <c>call.cost</c> bills 0 s never connected and
/// becomes an unanswered, 0 s event. Every part is one leg, id <c>telnyx-{call_leg_id}</c>, as Telnyx bills per leg.
/// </remarks>
public static class TelnyxCallLeg
{
    public const string InitiatedPart = "call.initiated";
    public const string CostPart = "call.cost";
    private const string PartAttribute = "telnyx_event";

    public static WebhookContent Parse(ReadOnlyMemory<byte> body, PhoneRegion region)
    {
        using var document = JsonFields.TryParse(body, out var invalid);
        if (document is null)
        {
            return WebhookContent.Invalid(invalid!);
        }

        var data = JsonFields.Of(document.RootElement).Object("data");
        var type = data.String("event_type");
        if (data.Problem is { } noType)
        {
            return WebhookContent.Invalid(noType);
        }

        if (type is not (InitiatedPart or CostPart))
        {
            var leg = data.OptionalObject("payload")?.OptionalString("call_leg_id");
            return WebhookContent.NotBillable(leg is null ? $"{data.OptionalString("id") ?? "event"}-{type}" : $"{leg}-{type}");
        }

        var payload = data.Object("payload");
        var legId = payload.String("call_leg_id");
        if (data.Problem is { } missing)
        {
            return WebhookContent.Invalid(missing);
        }

        var reference = $"{legId}-{type}";
        var occurredAt = data.OptionalIsoInstant("occurred_at");
        var part = type == InitiatedPart ? Initiated(payload, legId, occurredAt, region) : Cost(payload, legId, occurredAt);
        return data.Problem is { } problem ? WebhookContent.Invalid(problem, reference) : WebhookContent.Usage(reference, part!);
    }

    public static string PartOf(UsageEvent part) => part.Attributes![PartAttribute];

    public static string OtherPart(string part) => part == InitiatedPart ? CostPart : InitiatedPart;

    /// <summary>The leg as billed: who, which way and when from <c>call.initiated</c>; seconds and cost from <c>call.cost</c>.</summary>
    public static UsageEvent Join(UsageEvent one, UsageEvent other)
    {
        var (initiated, cost) = PartOf(one) == InitiatedPart ? (one, other) : (other, one);
        return initiated with
        {
            DurationSeconds = cost.DurationSeconds,
            Answered = cost.Answered,
            UpstreamCost = cost.UpstreamCost,
            Attributes = UsageAttributes.Of(("call_session_id", initiated.Attributes!.GetValueOrDefault("call_session_id"))),
        };
    }

    private static UsageEvent? Initiated(JsonFields payload, string legId, NodaTime.Instant? occurredAt, PhoneRegion region)
    {
        var direction = payload.OneOf("direction", CallDirection.Inbound, ("incoming", CallDirection.Inbound), ("outgoing", CallDirection.Outbound));
        if (payload.OptionalString("direction") is null)
        {
            payload.Fail("direction", "is required (incoming or outgoing)");
        }

        var startedAt = payload.OptionalIsoInstant("start_time") ?? occurredAt;
        if (startedAt is null)
        {
            payload.Fail("start_time", "is required (ISO-8601)");
        }

        var from = payload.String("from");
        var to = payload.String("to");
        return payload.Problem is not null ? null : Part(legId, InitiatedPart, payload) with
        {
            StartedAt = startedAt!.Value,
            Direction = direction,
            From = PhoneNumbers.ToE164(from, region),
            To = PhoneNumbers.ToE164(to, region),
        };
    }

    private static UsageEvent? Cost(JsonFields payload, string legId, NodaTime.Instant? occurredAt)
    {
        var seconds = payload.Seconds("billed_duration_secs");
        var total = payload.OptionalDecimal("total_cost");
        var currency = payload.Element("cost_parts") is { ValueKind: System.Text.Json.JsonValueKind.Array } costParts && costParts.GetArrayLength() > 0
            ? JsonFields.Of(costParts[0]).OptionalString("currency")
            : null;
        return payload.Problem is not null ? null : Part(legId, CostPart, payload) with
        {
            StartedAt = occurredAt ?? default,
            DurationSeconds = seconds,
            Answered = seconds > 0,
            UpstreamCost = total is { } amount ? new Money(amount, currency ?? "USD") : null,
        };
    }

    private static UsageEvent Part(string legId, string part, JsonFields payload) => new(
        EventId: $"{TelnyxWebhook.Source}-{legId}",
        Source: TelnyxWebhook.Source,
        SourceRecordId: legId,
        StartedAt: default,
        DurationSeconds: 0,
        Direction: CallDirection.Inbound,
        From: "",
        To: "",
        Component: UsageComponent.Telephony,
        Answered: false,
        Attributes: UsageAttributes.Of((PartAttribute, part), ("call_session_id", payload.OptionalString("call_session_id"))));
}
