using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.ElevenLabs;

/// <summary>Turns an ElevenLabs post-call webhook into AI voice usage.</summary>
/// <remarks>
/// <c>post_call_transcription</c> bills <c>data.metadata.call_duration_secs</c> (seconds) from
/// <c>start_time_unix_secs</c> (epoch seconds); <c>cost_fiat</c> is USD (<c>cost</c> is credits and is not money).
/// <c>call_initiation_failure</c> is a call that never connected: unanswered, 0 s, at <c>event_timestamp</c>.
/// <c>post_call_audio</c> repeats a call already reported and is not billable. In <c>metadata.phone_call</c>,
/// <c>external_number</c> is the far end and <c>agent_number</c> the reseller's number, whatever the direction.
/// A <c>account_id</c> dynamic variable, when the reseller passes one, names the account.
/// </remarks>
public static class ElevenLabsPostCall
{
    public static WebhookContent Parse(ReadOnlyMemory<byte> body, PhoneRegion region)
    {
        using var document = JsonFields.TryParse(body, out var invalid);
        if (document is null)
        {
            return WebhookContent.Invalid(invalid!);
        }

        var root = JsonFields.Of(document.RootElement);
        var type = root.String("type");
        var data = root.Object("data");
        var conversationId = data.String("conversation_id");
        if (root.Problem is { } missing)
        {
            return WebhookContent.Invalid(missing);
        }

        var reference = $"{conversationId}-{type}";
        var failed = type == "call_initiation_failure";
        if (type != "post_call_transcription" && !failed)
        {
            return WebhookContent.NotBillable(reference);
        }

        var metadata = failed ? data.OptionalObject("metadata") : data.Object("metadata");
        var startedAt = failed
            ? metadata?.OptionalEpoch("start_time_unix_secs", milliseconds: false) ?? root.OptionalEpoch("event_timestamp", milliseconds: false)
            : metadata!.OptionalEpoch("start_time_unix_secs", milliseconds: false);
        if (startedAt is null)
        {
            (failed ? root : metadata!).Fail(failed ? "event_timestamp" : "start_time_unix_secs", "is required (epoch seconds)");
        }

        var seconds = failed ? 0 : metadata!.Seconds("call_duration_secs");
        var acceptedAt = metadata?.OptionalEpoch("accepted_time_unix_secs", milliseconds: false);
        var answered = !failed && seconds > 0 && data.OptionalString("status") != "failed";
        var phone = metadata?.OptionalObject("phone_call");
        var direction = phone?.OneOf("direction", CallDirection.Inbound, ("inbound", CallDirection.Inbound), ("outbound", CallDirection.Outbound))
            ?? CallDirection.Inbound;
        var far = phone?.OptionalString("external_number") ?? "";
        var ours = phone?.OptionalString("agent_number") ?? "";
        var costUsd = metadata?.OptionalDecimal("cost_fiat");
        var accountId = data.OptionalString("conversation_initiation_client_data.dynamic_variables.account_id");
        if (root.Problem is { } problem)
        {
            return WebhookContent.Invalid(problem, reference);
        }

        var usage = new UsageEvent(
            EventId: $"{ElevenLabsWebhook.Source}-{conversationId}",
            Source: ElevenLabsWebhook.Source,
            SourceRecordId: conversationId,
            StartedAt: startedAt!.Value,
            DurationSeconds: answered ? seconds : 0,
            Direction: direction,
            From: PhoneNumbers.ToE164(direction == CallDirection.Inbound ? far : ours, region),
            To: PhoneNumbers.ToE164(direction == CallDirection.Inbound ? ours : far, region),
            Component: UsageComponent.AiVoice,
            Answered: answered,
            UpstreamCost: costUsd is { } usd ? new Money(usd, "USD") : null,
            AccountId: accountId,
            AgentId: data.OptionalString("agent_id"),
            Attributes: UsageAttributes.Of(("type", type), ("status", data.OptionalString("status")), ("termination_reason", metadata?.OptionalString("termination_reason"))),
            AnsweredAt: answered ? acceptedAt : null);
        return WebhookContent.Usage(reference, usage);
    }
}
