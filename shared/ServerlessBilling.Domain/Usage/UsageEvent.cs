using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>One call (or call leg) as every source is normalized to, before it is attributed and rated.</summary>
/// <param name="EventId">Stable identity across redeliveries: source + the source's own id, or a hash of a CDR line's identity fields.</param>
/// <param name="Source">Where it came from (<c>twilio</c>, <c>asterisk</c>, ...).</param>
/// <param name="SourceRecordId">The source's own id (CallSid, uniqueid), for support and reconciliation.</param>
/// <param name="StartedAt">When the call started (UTC instant).</param>
/// <param name="DurationSeconds">Connected (answered) seconds as the source reports them, before any rounding increment.</param>
/// <param name="Direction">Inbound to, or outbound from, the customer's number.</param>
/// <param name="From">Calling party, E.164 where the source allows.</param>
/// <param name="To">Called party, E.164 where the source allows.</param>
/// <param name="Component">What was used: telephony minutes, AI voice minutes, transfer minutes.</param>
/// <param name="Answered">False for busy, no-answer, failed and cancelled calls.</param>
/// <param name="UpstreamCost">What the vendor charged the reseller, when the source says; kept beside the price for margin.</param>
/// <param name="AccountId">An account named explicitly by the source (vendor metadata); attribution prefers it to the number.</param>
/// <param name="AgentId">The vendor's agent or assistant id, for attribution by agent.</param>
/// <param name="Attributes">Source fields worth keeping that have no column of their own (vendor status, disposition, ...).</param>
/// <param name="AnsweredAt">When the call was answered (UTC instant), where the source reports it; null for unanswered calls.</param>
/// <param name="EndedAt">When the call ended (UTC instant), where the source reports it.</param>
/// <remarks>One event is one component of one call leg: a vendor reporting AI minutes and telephony for the same call yields two events whose ids end in the component.</remarks>
public sealed record UsageEvent(
    string EventId,
    string Source,
    string SourceRecordId,
    Instant StartedAt,
    int DurationSeconds,
    CallDirection Direction,
    string From,
    string To,
    UsageComponent Component,
    bool Answered,
    Money? UpstreamCost = null,
    string? AccountId = null,
    string? AgentId = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    Instant? AnsweredAt = null,
    Instant? EndedAt = null)
{
    /// <summary>The customer's side of the call: the number that was called for inbound, the caller for outbound.</summary>
    public string CustomerNumber => Direction == CallDirection.Inbound ? To : From;
}

public enum CallDirection
{
    Inbound,
    Outbound,
}

public enum UsageComponent
{
    Telephony,
    AiVoice,
    Transfer,
}
