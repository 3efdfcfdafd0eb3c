using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Vapi;

/// <summary>Turns a Vapi <c>end-of-call-report</c> (<c>{"message": {...}}</c>) into AI voice usage; other message types are not billable.</summary>
/// <remarks>
/// Seconds are <c>durationSeconds</c> when Vapi sends it (it does, though its SDK types omit it), else
/// <c>endedAt − startedAt</c>; a started second counts whole. <c>cost</c> is USD. An <c>endedReason</c> saying the
/// call never connected (busy, no answer, failed to connect, a <c>call.start.error-*</c>) makes it unanswered, 0 s.
/// <c>call.type</c> gives the direction; the customer's number is <c>customer.number</c> and the reseller's
/// <c>phoneNumber.number</c>. <c>call.metadata.account_id</c>, when set, names the account; <c>call.assistantId</c> (or, for an assistant
/// given inline, <c>assistant.id</c>) is the agent calls may be attributed by.
/// </remarks>
public static class VapiEndOfCallReport
{
    private static readonly HashSet<string> NeverConnected = new(StringComparer.Ordinal)
    {
        "customer-busy", "customer-did-not-answer", "twilio-failed-to-connect-call", "vonage-failed-to-connect-call",
        "twilio-reported-customer-misdialed", "call.ringing.sip-inbound-caller-hungup-before-call-connect",
        "call.in-progress.error-sip-outbound-call-failed-to-connect",
    };

    public static WebhookContent Parse(ReadOnlyMemory<byte> body, PhoneRegion region)
    {
        using var document = JsonFields.TryParse(body, out var invalid);
        if (document is null)
        {
            return WebhookContent.Invalid(invalid!);
        }

        var root = JsonFields.Of(document.RootElement);
        var message = root.Object("message");
        var type = message.String("type");
        var callId = message.OptionalString("call.id");
        if (root.Problem is { } missing)
        {
            return WebhookContent.Invalid(missing);
        }

        if (type != "end-of-call-report")
        {
            return WebhookContent.NotBillable(callId is null ? type : $"{callId}-{type}");
        }

        var call = message.Object("call");
        callId = call.String("id");
        var reference = $"{callId}-{type}";
        var reason = message.OptionalString("endedReason") ?? call.OptionalString("endedReason") ?? "";
        var answered = !NeverConnected.Contains(reason)
            && !reason.StartsWith("call.start.error-", StringComparison.Ordinal)
            && !reason.Contains("providerfault-outbound-sip", StringComparison.Ordinal);
        var startedAt = message.OptionalIsoInstant("startedAt") ?? call.OptionalIsoInstant("startedAt") ?? call.OptionalIsoInstant("createdAt");
        var endedAt = message.OptionalIsoInstant("endedAt") ?? call.OptionalIsoInstant("endedAt");
        var seconds = message.OptionalSeconds("durationSeconds");
        if (startedAt is null)
        {
            message.Fail("startedAt", "is required (ISO-8601)");
        }
        else if (answered && seconds is null)
        {
            seconds = endedAt is { } end && end >= startedAt
                ? (int)Math.Ceiling((end - startedAt.Value).TotalSeconds)
                : FailSeconds(message);
        }

        var direction = call.OneOf("type", CallDirection.Inbound,
            ("inboundPhoneCall", CallDirection.Inbound), ("outboundPhoneCall", CallDirection.Outbound),
            ("webCall", CallDirection.Inbound), ("vapi.websocketCall", CallDirection.Inbound));
        var customer = message.OptionalString("customer.number") ?? call.OptionalString("customer.number") ?? "";
        var ours = message.OptionalString("phoneNumber.number") ?? call.OptionalString("phoneNumber.number") ?? "";
        var cost = message.OptionalDecimal("cost") ?? call.OptionalDecimal("cost");
        var transport = message.OptionalDecimal("costBreakdown.transport") ?? call.OptionalDecimal("costBreakdown.transport");
        if (root.Problem is { } problem)
        {
            return WebhookContent.Invalid(problem, reference);
        }

        // A phone call's carrier leg, when Vapi charges for it apart, is billed as telephony beside the AI minutes.
        var phoneCall = call.OptionalString("type") is "inboundPhoneCall" or "outboundPhoneCall";
        var telephony = phoneCall && transport > 0 && cost >= transport
            ? new ComponentUsage(UsageComponent.Telephony, answered ? seconds ?? 0 : 0, new Money(transport.Value, "USD"))
            : null;
        var usage = new UsageEvent(
            EventId: $"{VapiWebhook.Source}-{callId}",
            Source: VapiWebhook.Source,
            SourceRecordId: callId,
            StartedAt: startedAt!.Value,
            DurationSeconds: answered ? seconds ?? 0 : 0,
            Direction: direction,
            From: PhoneNumbers.ToE164(direction == CallDirection.Inbound ? customer : ours, region),
            To: PhoneNumbers.ToE164(direction == CallDirection.Inbound ? ours : customer, region),
            Component: UsageComponent.AiVoice,
            Answered: answered,
            UpstreamCost: cost is { } usd ? new Money(usd - (telephony is null ? 0m : transport!.Value), "USD") : null,
            AccountId: call.OptionalString("metadata.account_id"),
            AgentId: call.OptionalString("assistantId") ?? message.OptionalString("assistant.id"),
            Attributes: UsageAttributes.Of(("endedReason", reason), ("phoneCallProviderId", call.OptionalString("phoneCallProviderId"))),
            EndedAt: endedAt,
            OtherComponents: telephony is null ? null : [telephony]);
        return WebhookContent.Usage(reference, usage);
    }

    private static int? FailSeconds(JsonFields message)
    {
        message.Fail("durationSeconds", "is required when endedAt is missing or before startedAt");
        return null;
    }
}
