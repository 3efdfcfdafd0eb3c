using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.UsageEvents;

/// <summary>The generic usage event format: one event object, or <c>{"events": [...]}</c> with up to <see cref="MaxEvents"/>.</summary>
/// <remarks>
/// A batch is all or nothing: one malformed event rejects the delivery with the field named
/// (<c>events[3].durationSeconds</c>), so the sender fixes and resends it whole; ids keep the resend from
/// billing twice. <c>answered: false</c> is a call that never connected and is always 0 s. Without
/// <c>answered</c>, a call with seconds is answered. <c>components</c> lists further parts of the same call (telephony
/// under AI minutes), each billed as its own charge.
/// </remarks>
public static class UsageEventBatch
{
    public const int MaxEvents = 500;
    public const int MaxBodyBytes = 512 * 1024;

    public static WebhookContent Parse(ReadOnlyMemory<byte> body, PhoneRegion region)
    {
        using var document = JsonFields.TryParse(body, out var invalid);
        if (document is null)
        {
            return WebhookContent.Invalid(invalid!);
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("events", out var batch))
        {
            var fields = JsonFields.Of(root);
            return TryRead(fields, region, out var single) ? WebhookContent.Usage(single.SourceRecordId, single) : WebhookContent.Invalid(fields.Problem!);
        }

        if (batch.ValueKind != JsonValueKind.Array)
        {
            return WebhookContent.Invalid(new RecordProblem("events", "must be an array"));
        }

        var count = batch.GetArrayLength();
        if (count > MaxEvents)
        {
            return WebhookContent.OverLimit(new RecordProblem("events", $"holds {count} events; at most {MaxEvents} are accepted per delivery"));
        }

        var events = new List<UsageEvent>(count);
        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            var fields = JsonFields.Of(item, $"events[{index++}]");
            if (!TryRead(fields, region, out var read))
            {
                return WebhookContent.Invalid(fields.Problem!);
            }

            events.Add(read);
        }

        return count == 0
            ? WebhookContent.Invalid(new RecordProblem("events", "must hold at least one event"))
            : WebhookContent.Usage(count == 1 ? events[0].SourceRecordId : $"batch-{events[0].SourceRecordId}-{count}", events);
    }

    /// <returns>False when a field is at fault; <paramref name="fields"/> then names it.</returns>
    private static bool TryRead(JsonFields fields, PhoneRegion region, [NotNullWhen(true)] out UsageEvent? usage)
    {
        var id = fields.String("id");
        var startedAt = fields.IsoInstant("startedAt");
        var answeredAt = fields.OptionalIsoInstant("answeredAt");
        var endedAt = fields.OptionalIsoInstant("endedAt");
        var seconds = fields.Seconds("durationSeconds");
        var direction = fields.OneOf("direction", CallDirection.Inbound, ("inbound", CallDirection.Inbound), ("outbound", CallDirection.Outbound));
        if (fields.OptionalString("direction") is null)
        {
            fields.Fail("direction", "is required (inbound or outbound)");
        }

        var from = fields.String("from");
        var to = fields.String("to");
        var component = fields.OneOf("component", UsageComponent.Telephony,
            ("Telephony", UsageComponent.Telephony), ("AiVoice", UsageComponent.AiVoice), ("Transfer", UsageComponent.Transfer));
        var answered = fields.OptionalBoolean("answered") ?? seconds > 0;
        var cost = fields.OptionalDecimal("cost");
        var currency = fields.OptionalString("currency");
        if (cost is not null && currency is not { Length: 3 })
        {
            fields.Fail("currency", "is required with cost: an ISO 4217 code such as USD");
        }

        var others = OtherComponents(fields, component, currency);
        var accountId = fields.OptionalString("accountId");
        var agentId = fields.OptionalString("agentId");
        if (fields.Problem is not null)
        {
            usage = null;
            return false;
        }

        usage = new UsageEvent(
            EventId: $"{UsageEventsWebhook.Source}-{id}",
            Source: UsageEventsWebhook.Source,
            SourceRecordId: id,
            StartedAt: startedAt,
            DurationSeconds: answered ? seconds : 0,
            Direction: direction,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: component,
            Answered: answered,
            UpstreamCost: cost is { } amount ? new Money(amount, currency!.ToUpperInvariant()) : null,
            AccountId: accountId,
            AgentId: agentId,
            AnsweredAt: answered ? answeredAt : null,
            EndedAt: endedAt,
            OtherComponents: others);
        return true;
    }

    /// <summary>Reads <c>components</c>: further parts of the same call, each <c>{component, durationSeconds, cost}</c> with cost in the event's currency.</summary>
    private static IReadOnlyList<ComponentUsage>? OtherComponents(JsonFields fields, UsageComponent main, string? currency)
    {
        var items = fields.OptionalArray("components");
        var seen = new HashSet<UsageComponent> { main };
        var others = new List<ComponentUsage>(items.Count);
        foreach (var item in items)
        {
            var component = item.OneOf("component", main,
                ("Telephony", UsageComponent.Telephony), ("AiVoice", UsageComponent.AiVoice), ("Transfer", UsageComponent.Transfer));
            if (item.OptionalString("component") is null)
            {
                item.Fail("component", "is required (Telephony, AiVoice or Transfer)");
            }
            else if (!seen.Add(component))
            {
                item.Fail("component", $"'{component}' appears twice in the call (the event's own component counts)");
            }

            var seconds = item.Seconds("durationSeconds");
            var cost = item.OptionalDecimal("cost");
            if (cost is not null && currency is not { Length: 3 })
            {
                fields.Fail("currency", "is required with a component's cost: an ISO 4217 code such as USD");
            }

            others.Add(new ComponentUsage(component, seconds, cost is { } amount ? new Money(amount, currency!.ToUpperInvariant()) : null));
        }

        return others.Count > 0 ? others : null;
    }
}
