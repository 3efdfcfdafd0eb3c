using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Retell;

/// <summary>Turns a Retell <c>call_ended</c> or <c>call_analyzed</c> webhook into AI voice usage.</summary>
/// <remarks>
/// Both events describe the same call and share the id <c>retell-{call_id}</c>, so the call bills once whichever
/// arrives. The envelope's type is <c>event</c> (or <c>event_type</c> in some of Retell's docs); other types
/// (<c>call_started</c>, transfers, transcripts) are not billable. Seconds come from
/// <c>call_cost.total_duration_seconds</c>, which applies Retell's minimums and token scaling, not <c>duration_ms</c>.
/// <c>combined_cost</c> is in US cents and is kept in dollars. Calls that never connected (<c>not_connected</c>,
/// or a dial/transport failure reason) are unanswered, 0 s. <c>metadata.account_id</c>, when the reseller sets
/// it on the call, names the account.
/// </remarks>
public static class RetellCallEvent
{
    private static readonly HashSet<string> Billable = new(StringComparer.Ordinal) { "call_ended", "call_analyzed" };

    private static readonly HashSet<string> NeverConnectedReasons = new(StringComparer.Ordinal)
    {
        "dial_busy", "dial_failed", "dial_no_answer", "invalid_destination", "telephony_provider_permission_denied",
        "telephony_provider_unavailable", "sip_routing_error", "marked_as_spam", "user_declined", "registered_call_timeout",
        "no_valid_payment", "concurrency_limit_reached", "scam_detected",
    };

    public static WebhookContent Parse(ReadOnlyMemory<byte> body, PhoneRegion region)
    {
        using var document = JsonFields.TryParse(body, out var invalid);
        if (document is null)
        {
            return WebhookContent.Invalid(invalid!);
        }

        var root = JsonFields.Of(document.RootElement);
        var type = root.OptionalString("event") ?? root.OptionalString("event_type");
        if (type is null)
        {
            return WebhookContent.Invalid(new RecordProblem("event", "is required (or event_type)"));
        }

        if (!Billable.Contains(type))
        {
            // Chat events carry a chat, not a call: nothing here may be required of them.
            return WebhookContent.NotBillable(root.OptionalObject("call")?.OptionalString("call_id") is { } id ? $"{id}-{type}" : type);
        }

        var call = root.Object("call");
        var callId = call.String("call_id");
        if (root.Problem is { } missing)
        {
            return WebhookContent.Invalid(missing);
        }

        var status = call.OptionalString("call_status");
        var reason = call.OptionalString("disconnection_reason") ?? "";
        var answered = status != "not_connected" && !NeverConnectedReasons.Contains(reason) && !reason.StartsWith("error_", StringComparison.Ordinal);
        var endedAt = call.OptionalEpoch("end_timestamp", milliseconds: true);
        var startedAt = call.OptionalEpoch("start_timestamp", milliseconds: true) ?? endedAt;
        var seconds = answered ? call.Seconds("call_cost.total_duration_seconds") : 0;
        var cents = call.OptionalDecimal("call_cost.combined_cost");
        var telephonyCents = TelephonyCents(call);
        var direction = call.OneOf("direction", CallDirection.Inbound, ("inbound", CallDirection.Inbound), ("outbound", CallDirection.Outbound));
        if (startedAt is null)
        {
            call.Fail("start_timestamp", "is required (epoch milliseconds)");
        }

        var from = call.OptionalString("from_number") ?? "";
        var to = call.OptionalString("to_number") ?? "";
        var accountId = call.OptionalString("metadata.account_id");
        var agentId = call.OptionalString("agent_id");
        if (root.Problem is { } bad)
        {
            return WebhookContent.Invalid(bad, $"{callId}-{type}");
        }

        var usage = new UsageEvent(
            EventId: $"{RetellWebhook.Source}-{callId}",
            Source: RetellWebhook.Source,
            SourceRecordId: callId,
            StartedAt: startedAt!.Value,
            DurationSeconds: seconds,
            Direction: direction,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: UsageComponent.AiVoice,
            Answered: answered,
            UpstreamCost: cents is { } c ? new Money((c - (telephonyCents ?? 0m)) / 100m, "USD") : null,
            AccountId: accountId,
            AgentId: agentId,
            Attributes: UsageAttributes.Of(("call_status", status), ("disconnection_reason", reason)),
            EndedAt: endedAt,
            OtherComponents: telephonyCents is { } t ? [new ComponentUsage(UsageComponent.Telephony, seconds, new Money(t / 100m, "USD"))] : null);
        return WebhookContent.Usage($"{callId}-{type}", usage);
    }

    /// <summary>The cost of Retell's own telephony on the call (product <c>telephony</c>, not a transfer leg), billed as telephony
    /// beside the AI minutes; null when the call used the customer's own carrier or the cost is not broken down.</summary>
    private static decimal? TelephonyCents(JsonFields call)
    {
        decimal? total = null;
        foreach (var product in call.OptionalArray("call_cost.product_costs"))
        {
            if (product.OptionalString("product") == "telephony" && product.OptionalBoolean("is_transfer_leg_cost") != true)
            {
                total = (total ?? 0m) + product.Decimal("cost");
            }
        }

        return total > 0 ? total : null;
    }
}
